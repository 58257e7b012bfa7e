/** Node identity and typed runtime configuration (MicroProfile Config). */
package cn.cityops.core.config;
