/** Identity and level of the national, provincial and municipal platform nodes of the federation. */
package cn.cityops.model.node;
