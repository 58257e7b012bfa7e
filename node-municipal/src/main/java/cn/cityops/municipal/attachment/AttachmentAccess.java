package cn.cityops.municipal.attachment;

import cn.cityops.core.security.CurrentUser;

/**
 * Who may read an attachment. The default ({@link OperatorRoleAccess}) lets the uploader and the municipal operator
 * roles read; a feature that knows more (a case's visibility rules) replaces it with an
 * {@code @Alternative @Priority(…)} bean implementing this interface.
 */
public interface AttachmentAccess {

    boolean mayRead(AttachmentRef a, CurrentUser u);
}
