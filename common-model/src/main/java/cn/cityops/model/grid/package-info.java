/** Unit grid identifiers (15-digit 单元网格标识码) of the grid management method. */
package cn.cityops.model.grid;
