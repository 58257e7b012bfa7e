/** Public opinion (舆情): items recorded nationally or provincially, forwarded to the city, handled and closed. */
package cn.cityops.core.opinion;
