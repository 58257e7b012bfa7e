/** Upward reporting of the city: case statistics and basic data to the province and the national node. */
package cn.cityops.municipal.reporting;
