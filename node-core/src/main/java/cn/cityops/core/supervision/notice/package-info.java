/** Notices (监督通报) published to chosen nodes, and the read receipts that flow back. */
package cn.cityops.core.supervision.notice;
