/** What a node says about itself. */
package cn.cityops.core.node;
