/** The 省级平台 (PROVINCIAL) node: a thin assembly over node-core. */
package cn.cityops.provincial;
