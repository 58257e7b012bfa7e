/** Exchange wiring on the node: the Camel context lifecycle. */
package cn.cityops.core.exchange;
