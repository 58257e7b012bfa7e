/** 12319 complaints forwarded by the national node, handled as city cases; results and satisfaction. */
package cn.cityops.municipal.complaint;
