/** Supervision and inspection (监督检查) shared by every level: who may act, addressees, package helpers. */
package cn.cityops.core.supervision;
