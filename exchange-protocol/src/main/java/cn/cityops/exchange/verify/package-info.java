/** The receiver's verification pipeline and the sender's signing of packages and receipts. */
package cn.cityops.exchange.verify;
