/** The data package model: envelope, canonical JSON form, wire document, receipts, rejection codes and hash chain. */
package cn.cityops.exchange.pkg;
