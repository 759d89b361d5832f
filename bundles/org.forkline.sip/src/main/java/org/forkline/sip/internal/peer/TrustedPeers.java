package org.forkline.sip.internal.peer;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The addresses and CIDR blocks (IPv4 and IPv6) allowed to send us SIP. Immutable. */
public final class TrustedPeers {

    private final List<Block> blocks;
    private final String text;

    private TrustedPeers(List<Block> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * Parses a comma- or space-separated list such as {@code 10.48.38.5, 10.48.39.0/24, ::1/128}.
     *
     * @throws IllegalArgumentException naming the entry that is neither an IP address nor a CIDR block
     */
    public static TrustedPeers parse(String list) {
        List<Block> blocks = new ArrayList<>();
        String source = list == null ? "" : list.trim();
        for (String entry : source.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                blocks.add(Block.parse(entry));
            }
        }
        return new TrustedPeers(blocks, String.join(", ", blocks.stream().map(Block::toString).toList()));
    }

    /** True when the source address (as a literal; anything else is untrusted) is in one of the blocks. */
    public boolean isTrusted(String sourceAddress) {
        return IpLiterals.parse(sourceAddress).map(this::isTrusted).orElse(false);
    }

    public boolean isTrusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One network: the address bits that must match and how many of them. */
    private record Block(byte[] network, int prefixLength, String text) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = IpLiterals.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                    "'" + entry + "' is not an IP address or CIDR block (host names are not allowed)"));
            int maxBits = address.getAddress().length * 8;
            int prefix = maxBits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > maxBits) {
                    throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length: use 0 to "
                            + maxBits + " for " + (maxBits == 32 ? "IPv4" : "IPv6"));
                }
            }
            return new Block(mask(address.getAddress(), prefix), prefix,
                    IpLiterals.format(address) + "/" + prefix);
        }

        boolean contains(byte[] candidate) {
            return candidate.length == network.length && Arrays.equals(mask(candidate, prefixLength), network);
        }

        private static byte[] mask(byte[] address, int prefix) {
            byte[] masked = address.clone();
            for (int i = 0; i < masked.length; i++) {
                int bitsInByte = Math.max(0, Math.min(8, prefix - i * 8));
                masked[i] &= (byte) (0xFF << (8 - bitsInByte));
            }
            return masked;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
