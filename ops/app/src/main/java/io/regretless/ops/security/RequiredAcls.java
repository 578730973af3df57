package io.regretless.ops.security;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.regretless.schemas.Topics;

/**
 * The ACLs the application's principal needs on a cluster with an authorizer, all as prefixed
 * patterns so that new models need no new ACLs:
 * <ul>
 *   <li>topics {@code <prefix>.}: READ (inputs), WRITE (outputs), DESCRIBE;</li>
 *   <li>topics {@code <application.id>-}: ALL (Kafka Streams creates, reads and writes its changelogs);</li>
 *   <li>group {@code <application.id>}: READ, DESCRIBE;</li>
 *   <li>transactional ids {@code <application.id>}: WRITE, DESCRIBE (exactly_once_v2);</li>
 *   <li>cluster: IDEMPOTENT_WRITE.</li>
 * </ul>
 */
public final class RequiredAcls {
    private RequiredAcls() {
    }

    public static List<AclBinding> of(Topics topics, String applicationId, String principal) {
        List<AclBinding> acls = new ArrayList<>();
        ResourcePattern ioTopics = new ResourcePattern(ResourceType.TOPIC, topics.prefix() + ".", PatternType.PREFIXED);
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(ioTopics, principal, op));
        }
        acls.add(allow(new ResourcePattern(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED), principal,
            AclOperation.ALL));
        ResourcePattern group = new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.PREFIXED);
        acls.add(allow(group, principal, AclOperation.READ));
        acls.add(allow(group, principal, AclOperation.DESCRIBE));
        ResourcePattern transactions = new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED);
        acls.add(allow(transactions, principal, AclOperation.WRITE));
        acls.add(allow(transactions, principal, AclOperation.DESCRIBE));
        acls.add(allow(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL), principal,
            AclOperation.IDEMPOTENT_WRITE));
        return acls;
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
