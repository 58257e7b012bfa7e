/** The city's organisation: 专业部门 (departments) and which users belong to them. */
package cn.cityops.municipal.org;
