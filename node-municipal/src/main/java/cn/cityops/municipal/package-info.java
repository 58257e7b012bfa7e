/** The 市级平台 (MUNICIPAL) node: a thin assembly over node-core. */
package cn.cityops.municipal;
