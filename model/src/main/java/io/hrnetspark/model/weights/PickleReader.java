package io.hrnetspark.model.weights;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An allowlist unpickler for torch checkpoints. It runs the pickle opcodes of protocols 2 to 5 that
 * build data (numbers, strings, bytes, tuples, lists, dicts, sets, memo, persistent ids) and knows
 * the few globals a state dict needs ({@link AllowedGlobal} and the torch storage types); it
 * imports and calls nothing. Any other global is refused at the opcode that names it. Every length
 * is checked against the bytes at hand before anything is read or allocated.
 */
final class PickleReader {

    /** Turns a persistent id into the object it stands for (a {@link Pickled.StorageRef}). */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object persistentId);
    }

    private static final int HIGHEST_PROTOCOL = 5;
    /** Far above the rank of any network weight; bounds what a damaged file can make us print. */
    private static final int MAX_DIMENSIONS = 64;

    private final CheckpointFile file;
    private final ByteBuffer data;
    private final String where;
    private final PersistentLoader persistentLoader;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int pos;

    /**
     * @param data             the bytes holding the pickle (little-endian order is applied)
     * @param where            names {@code data} in messages ("data.pkl", "the file")
     * @param start            offset of the pickle's first opcode within {@code data}
     * @param persistentLoader resolves persistent ids, or {@code null} if the pickle must have none
     */
    PickleReader(CheckpointFile file, ByteBuffer data, String where, int start, PersistentLoader persistentLoader) {
        this.file = file;
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
        this.pos = start;
        this.persistentLoader = persistentLoader;
    }

    /** Offset just after the last pickle read. */
    int position() {
        return pos;
    }

    /** Reads one pickle, up to and including its STOP opcode, and returns its value. */
    Object read() {
        stack.clear();
        marks.clear();
        memo.clear();
        while (true) {
            int opcodeAt = pos;
            int opcode = u8();
            switch (opcode) {
                case 0x80 -> protocol(opcodeAt);                               // PROTO
                case 0x95 -> advance(8);                                       // FRAME: framing only
                case '.' -> {                                                  // STOP
                    return pop();
                }
                case '(' -> marks.add(stack.size());                           // MARK
                case '0' -> pop();                                             // POP
                case '1' -> popMark();                                         // POP_MARK
                case '2' -> push(peek());                                      // DUP
                case 'N' -> push(null);                                        // NONE
                case 0x88 -> push(Boolean.TRUE);                               // NEWTRUE
                case 0x89 -> push(Boolean.FALSE);                              // NEWFALSE
                case 'K' -> push((long) u8());                                 // BININT1
                case 'M' -> push((long) u16());                                // BININT2
                case 'J' -> push((long) s32());                                // BININT
                case 0x8a -> push(longValue(u8()));                            // LONG1
                case 0x8b -> push(longValue(length(s32(), "LONG4")));          // LONG4
                case 'G' -> push(binaryFloat());                               // BINFLOAT
                case 'T' -> push(text(length(s32(), "BINSTRING")));            // BINSTRING (Python 2 str)
                case 'U' -> push(text(u8()));                                  // SHORT_BINSTRING
                case 'X' -> push(text(length(u32(), "BINUNICODE")));           // BINUNICODE
                case 0x8c -> push(text(u8()));                                 // SHORT_BINUNICODE
                case 0x8d -> push(text(length(s64(), "BINUNICODE8")));         // BINUNICODE8
                case 'B' -> push(byteArray(length(u32(), "BINBYTES")));        // BINBYTES
                case 'C' -> push(byteArray(u8()));                             // SHORT_BINBYTES
                case 0x8e -> push(byteArray(length(s64(), "BINBYTES8")));      // BINBYTES8
                case ']' -> push(new ArrayList<>());                           // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark()));                  // LIST
                case 'a' -> appendAll(singleton(pop()));                       // APPEND
                case 'e' -> appendAll(popMark());                              // APPENDS
                case ')' -> push(new Pickled.Tuple(List.of()));                // EMPTY_TUPLE
                case 't' -> push(new Pickled.Tuple(popMark()));                // TUPLE
                case 0x85 -> push(tupleOfTop(1));                              // TUPLE1
                case 0x86 -> push(tupleOfTop(2));                              // TUPLE2
                case 0x87 -> push(tupleOfTop(3));                              // TUPLE3
                case '}' -> push(new LinkedHashMap<>());                       // EMPTY_DICT
                case 'd' -> {                                                  // DICT
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putPairs(dict, popMark());
                    push(dict);
                }
                case 's' -> {                                                  // SETITEM
                    Object value = pop();
                    Object key = pop();
                    putPairs(dictOnTop(), Arrays.asList(key, value));
                }
                case 'u' -> {                                                  // SETITEMS
                    List<Object> pairs = popMark();
                    putPairs(dictOnTop(), pairs);
                }
                case 0x8f -> push(new LinkedHashSet<>());                      // EMPTY_SET
                case 0x90 -> {                                                 // ADDITEMS
                    List<Object> items = popMark();
                    addAll(setOnTop(), items);
                }
                case 0x91 -> {                                                 // FROZENSET
                    Set<Object> frozen = new LinkedHashSet<>();
                    addAll(frozen, popMark());
                    push(Collections.unmodifiableSet(frozen));
                }
                case 'q' -> memo.put((long) u8(), peek());                     // BINPUT
                case 'r' -> memo.put(u32(), peek());                           // LONG_BINPUT
                case 'p' -> memo.put(decimalLine("PUT"), peek());              // PUT
                case 0x94 -> memo.put((long) memo.size(), peek());             // MEMOIZE
                case 'h' -> push(memoized(u8()));                              // BINGET
                case 'j' -> push(memoized(u32()));                             // LONG_BINGET
                case 'g' -> push(memoized(decimalLine("GET")));                // GET
                case 'c' -> {                                                  // GLOBAL
                    String module = line("GLOBAL");
                    push(global(module, line("GLOBAL")));
                }
                case 0x93 -> {                                                 // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw file.damaged("STACK_GLOBAL in " + where + " names a " + Pickled.typeName(module)
                                + " and a " + Pickled.typeName(name) + " instead of two strings");
                    }
                    push(global(m, n));
                }
                case 'R' -> {                                                  // REDUCE
                    Object arguments = pop();
                    Object callable = pop();
                    push(call(callable, arguments));
                }
                case 'b' -> {                                                  // BUILD
                    pop();
                    checkBuildTarget(peek());
                }
                case 'Q' -> push(persistent(pop()));                           // BINPERSID
                default -> throw file.refused("uses pickle opcode " + opcodeName(opcode) + " at byte " + opcodeAt
                        + " of " + where + ", which this reader does not support; re-save it with "
                        + "torch.save(model.state_dict(), path).");
            }
        }
    }

    private static List<Object> singleton(Object value) {
        List<Object> list = new ArrayList<>(1);
        list.add(value);
        return list;
    }

    private void protocol(int opcodeAt) {
        int version = u8();
        if (version > HIGHEST_PROTOCOL) {
            throw file.refused("uses pickle protocol " + version + " (byte " + opcodeAt + " of " + where
                    + "), newer than the protocols 2 to 5 this reader knows; re-save it with torch.save.");
        }
    }

    private Object global(String module, String name) {
        Optional<AllowedGlobal> allowed = AllowedGlobal.find(module, name);
        if (allowed.isPresent()) {
            return allowed.get();
        }
        boolean torchModule = module.equals("torch") || module.equals("torch.cuda");
        if (torchModule && name.endsWith("Storage")) {
            return TorchDtype.byStorageName(name).orElseThrow(() -> file.refused("holds a tensor of type "
                    + Pickled.shown(module + "." + name) + ", which this reader does not support; convert the "
                    + "weights to float32 before saving them."));
        }
        throw file.refused("refers to the Python global '" + Pickled.shown(module + "." + name) + "', which is not "
                + "a tensor, storage or plain container, so it was refused without being run; load only checkpoints "
                + "that hold a state dict, saved with torch.save(model.state_dict(), path).");
    }

    private Object call(Object callable, Object arguments) {
        if (!(callable instanceof AllowedGlobal global)) {
            throw file.refused("calls a " + Pickled.typeName(callable) + " while unpickling " + where
                    + ", which this reader does not support; re-save it with torch.save(model.state_dict(), path).");
        }
        if (!(arguments instanceof Pickled.Tuple args)) {
            throw file.damaged(global.qualifiedName() + " in " + where + " is called with a "
                    + Pickled.typeName(arguments) + " instead of an argument tuple");
        }
        return switch (global) {
            case ORDERED_DICT -> {
                expectArguments(global, args, 0, 0);
                yield new LinkedHashMap<>();
            }
            case REBUILD_TENSOR_V2 -> {
                expectArguments(global, args, 6, 7);
                yield tensor(args);
            }
            case REBUILD_TENSOR -> {
                expectArguments(global, args, 4, 4);
                yield tensor(args);
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                int count = global == AllowedGlobal.REBUILD_PARAMETER ? 3 : 4;
                expectArguments(global, args, count, count);
                if (!(args.get(0) instanceof Pickled.Tensor tensor)) {
                    throw file.damaged(global.qualifiedName() + " in " + where + " wraps a "
                            + Pickled.typeName(args.get(0)) + " instead of a tensor");
                }
                yield tensor;
            }
            case CODECS_ENCODE -> latin1Bytes(args);
            case NUMPY_DTYPE -> new Pickled.Opaque("numpy.dtype");
            case NUMPY_SCALAR, NUMPY2_SCALAR -> new Pickled.Opaque("numpy scalar");
        };
    }

    private void expectArguments(AllowedGlobal global, Pickled.Tuple args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw file.damaged(global.qualifiedName() + " in " + where + " is called with " + args.size()
                    + " arguments instead of " + (min == max ? String.valueOf(min) : min + " or " + max));
        }
    }

    private Pickled.Tensor tensor(Pickled.Tuple args) {
        if (!(args.get(0) instanceof Pickled.StorageRef storage)) {
            throw file.damaged("a tensor in " + where + " is built on a " + Pickled.typeName(args.get(0))
                    + " instead of a storage");
        }
        long offset = integer(args.get(1), "a tensor's storage offset");
        long[] shape = integers(args.get(2), "a tensor's size");
        long[] stride = integers(args.get(3), "a tensor's stride");
        if (shape.length > MAX_DIMENSIONS || stride.length > MAX_DIMENSIONS) {
            throw file.damaged("a tensor in " + where + " has more than " + MAX_DIMENSIONS + " dimensions");
        }
        String view = "a tensor view (offset " + offset + ", size " + Arrays.toString(shape) + ", stride "
                + Arrays.toString(stride) + ") in " + where;
        if (shape.length != stride.length) {
            throw file.damaged(view + " has size and stride of different lengths");
        }
        long needed;
        try {
            needed = TensorData.requiredStorageElements(offset, shape, stride);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw file.damaged(view + " is invalid");
        }
        if (needed > storage.numel()) {
            throw file.damaged(view + " reaches beyond its storage of " + storage.numel() + " elements");
        }
        long elements = elementCount(shape);
        if (elements > storage.numel()) {
            throw file.refused("has " + view + " whose " + elements + " elements repeat the " + storage.numel()
                    + " of its storage, which this reader does not expand; save the tensor with .contiguous().");
        }
        return new Pickled.Tensor(storage, offset, shape, stride);
    }

    /** Product of the sizes, saturating at Long.MAX_VALUE. */
    private static long elementCount(long[] shape) {
        long count = 1;
        for (long size : shape) {
            count = size != 0 && count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
        }
        return count;
    }

    private byte[] latin1Bytes(Pickled.Tuple args) {
        expectArguments(AllowedGlobal.CODECS_ENCODE, args, 2, 2);
        if (!(args.get(0) instanceof String text) || !(args.get(1) instanceof String encoding)
                || !(encoding.equals("latin1") || encoding.equals("latin-1"))) {
            throw file.refused("calls _codecs.encode in " + where + " with other arguments than a string "
                    + "and 'latin1', which this reader does not support; re-save it with torch.save.");
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw file.damaged("_codecs.encode in " + where + " gets a character outside latin-1");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** BUILD sets an object's state: only dicts (a state dict's _metadata) and opaque values take one; ignored. */
    private void checkBuildTarget(Object target) {
        if (!(target instanceof Map) && !(target instanceof Pickled.Opaque)) {
            throw file.refused("sets the state of a " + Pickled.typeName(target) + " in " + where
                    + ", which this reader does not support; re-save it with torch.save(model.state_dict(), path).");
        }
    }

    private Object persistent(Object persistentId) {
        if (persistentLoader == null) {
            throw file.damaged(where + " holds a persistent id where none belongs");
        }
        return persistentLoader.load(persistentId);
    }

    private long integer(Object value, String what) {
        if (value instanceof Long number) {
            return number;
        }
        throw file.damaged(what + " in " + where + " is a " + Pickled.typeName(value) + " instead of an int");
    }

    private long[] integers(Object value, String what) {
        List<Object> items;
        if (value instanceof Pickled.Tuple tuple) {
            items = tuple.items();
        } else if (value instanceof ArrayList<?> list) {
            items = new ArrayList<>(list);
        } else {
            throw file.damaged(what + " in " + where + " is a " + Pickled.typeName(value) + " instead of a tuple");
        }
        long[] result = new long[items.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = integer(items.get(i), what);
        }
        return result;
    }

    // ---- containers

    @SuppressWarnings("unchecked")
    private void appendAll(List<Object> items) {
        if (!(peek() instanceof ArrayList<?> list)) {
            throw file.damaged("APPEND in " + where + " targets a " + Pickled.typeName(peek()) + " instead of a list");
        }
        ((List<Object>) list).addAll(items);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnTop() {
        if (!(peek() instanceof LinkedHashMap<?, ?> dict)) {
            throw file.damaged("SETITEM in " + where + " targets a " + Pickled.typeName(peek()) + " instead of a dict");
        }
        return (Map<Object, Object>) dict;
    }

    @SuppressWarnings("unchecked")
    private Set<Object> setOnTop() {
        if (!(peek() instanceof LinkedHashSet<?> set)) {
            throw file.damaged("ADDITEMS in " + where + " targets a " + Pickled.typeName(peek()) + " instead of a set");
        }
        return (Set<Object>) set;
    }

    private void putPairs(Map<Object, Object> dict, List<Object> pairs) {
        if (pairs.size() % 2 != 0) {
            throw file.damaged("a dict in " + where + " gets an odd number of keys and values");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            dict.put(hashable(pairs.get(i)), pairs.get(i + 1));
        }
    }

    private void addAll(Set<Object> set, List<Object> items) {
        for (Object item : items) {
            set.add(hashable(item));
        }
    }

    /** Dict keys and set items must be plain scalars: a checkpoint never needs to hash (possibly cyclic) containers. */
    private Object hashable(Object key) {
        if (key == null || key instanceof String || key instanceof Long || key instanceof BigInteger
                || key instanceof Double || key instanceof Boolean) {
            return key;
        }
        throw file.refused("uses a " + Pickled.typeName(key) + " as a dict key or set item in " + where
                + ", which this reader does not support; re-save it with torch.save(model.state_dict(), path).");
    }

    private Pickled.Tuple tupleOfTop(int count) {
        if (stack.size() - currentMarkBase() < count) {
            throw file.damaged("a tuple in " + where + " takes more items than the pickle stack holds");
        }
        List<Object> top = stack.subList(stack.size() - count, stack.size());
        Pickled.Tuple tuple = new Pickled.Tuple(new ArrayList<>(top));
        top.clear();
        return tuple;
    }

    // ---- stack and memo

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        if (stack.size() <= currentMarkBase()) {
            throw file.damaged(where + " pops more values than it pushed");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.size() <= currentMarkBase()) {
            throw file.damaged(where + " uses a value it never pushed");
        }
        return stack.get(stack.size() - 1);
    }

    private int currentMarkBase() {
        return marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw file.damaged(where + " closes a MARK it never opened");
        }
        int base = marks.remove(marks.size() - 1);
        List<Object> top = stack.subList(base, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoized(long index) {
        if (!memo.containsKey(index)) {
            throw file.damaged(where + " reads memo entry " + index + ", which it never stored");
        }
        return memo.get(index);
    }

    // ---- raw reads, each checked against the end of the data

    /** Moves past {@code count} bytes and returns where they start. */
    private int advance(long count) {
        if (count > data.limit() - pos) {
            throw file.damaged(where + " ends before its STOP opcode");
        }
        int start = pos;
        pos += (int) count;
        return start;
    }

    private int u8() {
        return data.get(advance(1)) & 0xff;
    }

    private int u16() {
        return data.getShort(advance(2)) & 0xffff;
    }

    private int s32() {
        return data.getInt(advance(4));
    }

    private long u32() {
        return s32() & 0xffffffffL;
    }

    private long s64() {
        return data.getLong(advance(8));
    }

    /** BINFLOAT stores a big-endian IEEE double. */
    private double binaryFloat() {
        return Double.longBitsToDouble(Long.reverseBytes(s64()));
    }

    private long length(long declared, String opcode) {
        if (declared < 0 || declared > data.limit() - pos) {
            throw file.damaged(opcode + " in " + where + " declares " + (declared < 0 ? "a negative length"
                    : declared + " bytes but only " + (data.limit() - pos) + " remain"));
        }
        return declared;
    }

    private byte[] byteArray(long count) {
        byte[] result = new byte[(int) count];
        data.get(advance(count), result);
        return result;
    }

    private String text(long count) {
        return new String(byteArray(count), StandardCharsets.UTF_8);
    }

    /** Little-endian two's complement, as LONG1 and LONG4 store it. */
    private Object longValue(long count) {
        byte[] littleEndian = byteArray(count);
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private String line(String opcode) {
        int start = pos;
        int end = start;
        while (end < data.limit() && data.get(end) != '\n') {
            end++;
        }
        if (end >= data.limit()) {
            throw file.damaged(opcode + " in " + where + " has no end of line");
        }
        byte[] text = new byte[end - start];
        data.get(start, text);
        pos = end + 1;
        return new String(text, StandardCharsets.UTF_8);
    }

    private long decimalLine(String opcode) {
        String text = line(opcode);
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw file.damaged(opcode + " in " + where + " holds '" + Pickled.shown(text) + "' instead of a number");
        }
    }

    private static String opcodeName(int opcode) {
        String hex = String.format("0x%02x", opcode);
        return opcode >= 0x21 && opcode < 0x7f ? "'" + (char) opcode + "' (" + hex + ")" : hex;
    }
}
