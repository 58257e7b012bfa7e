/** The demo city 朔州市 (140600): a deterministic generator of grids, components, departments and users. */
package cn.cityops.municipal.demo;
