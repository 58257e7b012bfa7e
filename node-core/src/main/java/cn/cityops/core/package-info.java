/** Shared Jakarta EE core of every node (national, provincial, municipal). */
package cn.cityops.core;
