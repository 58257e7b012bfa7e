/** City space: unit grids (单元网格), locating points, components (管理部件) and the case routing table. */
package cn.cityops.municipal.space;
