package cn.cityops.exchange.pkg;

/** The wire document is larger than the receiver accepts ({@link RejectionCode#PKG_TOO_LARGE}); nothing was parsed. */
public class PackageTooLargeException extends MalformedPackageException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * @param size  size of the document in bytes
     * @param limit the receiver's limit in bytes
     */
    public PackageTooLargeException(long size, long limit) {
        super(RejectionCode.PKG_TOO_LARGE, "wire document is " + size + " bytes, the limit is " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    /** Size of the refused document in bytes. */
    public long size() {
        return size;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
