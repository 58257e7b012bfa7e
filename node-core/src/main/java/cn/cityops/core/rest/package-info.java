/** JAX-RS application root and shared REST plumbing. */
package cn.cityops.core.rest;
