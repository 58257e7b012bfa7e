package cn.cityops.provincial.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Test-only bean (added to the WAR by UnexpectedErrorIT): must be called inside a transaction. */
@ApplicationScoped
public class MandatoryTransactionProbe {

    @Transactional(Transactional.TxType.MANDATORY)
    public void join() {
        // called outside a transaction, Payara's interceptor throws jakarta.transaction.TransactionalException
    }
}
