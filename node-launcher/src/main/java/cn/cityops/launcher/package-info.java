/** The main class of every node's uber-jar: Payara Micro's boot, then a check that the node's application deployed. */
package cn.cityops.launcher;
