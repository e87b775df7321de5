// Without MAILSTACK_PASSWD_FILE the tests share the stack's few users; run one at a time so no test sees
// another's mail arrive mid-way (IDLE timeout, "nothing new" and outbox assertions depend on that).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
