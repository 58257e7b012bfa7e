/** Role vocabulary shared by all nodes (DESIGN.md §6). */
package cn.cityops.model.security;
