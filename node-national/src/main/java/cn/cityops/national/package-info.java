/** The 国家平台 (NATIONAL) node: a thin assembly over node-core. */
package cn.cityops.national;
