package dev.gantry.job;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Quotes a written string whenever the reader would take the bare text for something else.
 * Jackson's own check misses YAML 1.1 forms such as {@code +0}, {@code 0x1F} or {@code 1:20},
 * which then read back as numbers; asking the resolver that reads them is exact by construction.
 */
final class ResolverQuoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;
    private static final Resolver RESOLVER = new Resolver();
    private static final StringQuotingChecker JACKSON = Default.instance();

    @Override
    public boolean needToQuoteName(String name) {
        return JACKSON.needToQuoteName(name) || !readsAsText(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return JACKSON.needToQuoteValue(value) || !readsAsText(value);
    }

    private static boolean readsAsText(String plain) {
        return Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, plain, true));
    }
}
