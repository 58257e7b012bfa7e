/** Signed data packages exchanged between national, provincial and municipal nodes, and the PKI behind them. */
package cn.cityops.exchange;
