/** Integration-test support shared by the node modules and the federation tests. */
package cn.cityops.testkit;
