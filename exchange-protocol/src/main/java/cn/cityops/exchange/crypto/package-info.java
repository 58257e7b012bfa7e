/** CMS SignedData signatures (SM2 with SM3, ECDSA P-256 with SHA-256) for exchange packages and receipts. */
package cn.cityops.exchange.crypto;
