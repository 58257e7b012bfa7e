/** Database access shared by all nodes: data source, Flyway migrations, outage detection. */
package cn.cityops.core.persistence;
