/** Administrative division codes (GB/T 2260) and their province / prefecture / county hierarchy. */
package cn.cityops.model.division;
