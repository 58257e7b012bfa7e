/** The package-type registry and the JSON Schema (2020-12 subset) validator for package payloads. */
package cn.cityops.exchange.schema;
