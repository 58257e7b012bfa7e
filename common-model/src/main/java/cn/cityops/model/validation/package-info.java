/** Validation failures of value objects, carrying the field, rejected value and reason for problem+json issues. */
package cn.cityops.model.validation;
