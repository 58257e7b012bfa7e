/** Start-up order: configuration check, migrations, seeding, exchange context. */
package cn.cityops.core.bootstrap;
