/** Class codes, matter codes and component ids of GB/T 47678.5-2026 管理部件 and 管理事项. */
package cn.cityops.model.classification;
