/** Emergencies (突发事件): reported by cities with numbered updates, seen live and urged by upper levels. */
package cn.cityops.core.emergency;
