/** Federation PKI: node identities, the root CA, node key stores, certificate trust and the {@code pki} tool. */
package cn.cityops.exchange.pki;
