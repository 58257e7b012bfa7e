package cn.cityops.exchange.pki;

/** A PKI operation (CA, key store, files) failed; the message is one line that names the file or object and why. */
public final class PkiException extends Exception {

    private static final long serialVersionUID = 1L;

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
