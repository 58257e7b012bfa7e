/** Flyway Java migration that loads the reference data (GB/T 47678.5 classes, GB/T 2260 divisions, work calendar) from classpath data files. */
package cn.cityops.core.reference.migration;
