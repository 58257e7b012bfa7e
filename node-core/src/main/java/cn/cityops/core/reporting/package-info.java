/** Upward reporting: cities report case statistics and basic data; provinces and the ministry see who reported. */
package cn.cityops.core.reporting;
