/** Node key stores and certificates; the only place (with the rest of this module) where BouncyCastle is used. */
package cn.cityops.exchange.pki;
