package com.dce.analytics.alert.condition;

import java.util.List;

/**
 * Recursive-descent parser of conditions. Grammar, loosest binding first:
 *
 * <pre>
 * condition  := or
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | comparison
 * comparison := sum ( ( &gt; | &gt;= | &lt; | &lt;= | == | = | != ) sum )?
 * sum        := product ( ( + | - ) product )*
 * product    := unary ( ( * | / ) unary )*
 * unary      := - unary | primary
 * primary    := NUMBER [unit] | NAME | ( condition )
 * </pre>
 *
 * It also checks that numbers and conditions are used where each belongs (AND joins conditions,
 * a comparison compares numbers, the whole is a condition). Nesting is bounded so that no input
 * can exhaust the stack.
 */
final class Parser {

    static final int MAX_DEPTH = 50;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Node parse(String text) {
        Parser parser = new Parser(Tokenizer.tokenize(text));
        Node root = parser.or();
        Token rest = parser.peek();
        if (!rest.is(Token.Kind.END)) {
            throw new ConditionException(
                    rest.position(),
                    rest.is(Token.Kind.RPAREN)
                            ? "unbalanced ')'"
                            : "expected AND, OR or the end of the condition but found '" + rest.text() + "'");
        }
        if (!root.condition()) {
            throw new ConditionException(
                    root.start(), "the condition compares nothing; write a comparison such as 'drop_rate > 0.05'");
        }
        return root;
    }

    private Node or() {
        Node left = and();
        while (peek().is(Token.Kind.OR)) {
            Token op = take();
            Node right = and();
            left = logical(op, left, right);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is(Token.Kind.AND)) {
            Token op = take();
            Node right = not();
            left = logical(op, left, right);
        }
        return left;
    }

    private Node logical(Token op, Node left, Node right) {
        String word = op.kind() == Token.Kind.AND ? "AND" : "OR";
        requireCondition(left, word + " joins comparisons; the left side is a number");
        requireCondition(right, word + " joins comparisons; the right side is a number");
        return new Node.Logical(op.kind(), left, right, left.start(), right.end());
    }

    private Node not() {
        if (peek().is(Token.Kind.NOT)) {
            Token op = take();
            enter(op);
            Node operand = not();
            depth--;
            requireCondition(operand, "NOT applies to a comparison, not to a number");
            return new Node.Not(operand, op.position(), operand.end());
        }
        return comparison();
    }

    private Node comparison() {
        Node left = sum();
        Token op = peek();
        if (!isComparison(op.kind())) {
            return left;
        }
        take();
        Node right = sum();
        requireNumber(left, "a comparison compares numbers; the left side is already a condition");
        requireNumber(right, "a comparison compares numbers; the right side is already a condition");
        if (isComparison(peek().kind())) {
            throw new ConditionException(peek().position(), "comparisons cannot be chained; join them with AND or OR");
        }
        return new Node.Compare(op.kind(), left, right, left.start(), right.end());
    }

    private Node sum() {
        Node left = product();
        while (peek().is(Token.Kind.PLUS) || peek().is(Token.Kind.MINUS)) {
            Token op = take();
            Node right = product();
            left = arithmetic(op, left, right);
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek().is(Token.Kind.STAR) || peek().is(Token.Kind.SLASH)) {
            Token op = take();
            Node right = unary();
            left = arithmetic(op, left, right);
        }
        return left;
    }

    private Node arithmetic(Token op, Node left, Node right) {
        requireNumber(left, "'" + op.text() + "' needs numbers; the left side is a condition");
        requireNumber(right, "'" + op.text() + "' needs numbers; the right side is a condition");
        return new Node.Arithmetic(op.kind(), left, right, left.start(), right.end());
    }

    private Node unary() {
        if (peek().is(Token.Kind.MINUS)) {
            Token op = take();
            enter(op);
            Node operand = unary();
            depth--;
            requireNumber(operand, "'-' needs a number");
            return new Node.Negate(operand, op.position(), operand.end());
        }
        return primary();
    }

    private Node primary() {
        Token t = take();
        return switch (t.kind()) {
            case NUMBER -> new Node.Number(t.number(), t.unit(), t.position(), t.end());
            case NAME -> new Node.Name(t.text(), t.position(), t.end());
            case LPAREN -> {
                enter(t);
                Node inner = or();
                depth--;
                Token close = take();
                if (!close.is(Token.Kind.RPAREN)) {
                    throw new ConditionException(
                            close.position(),
                            close.is(Token.Kind.END)
                                    ? "missing ')' to close the '(' at position " + t.position()
                                    : "expected ')' but found '" + close.text() + "'");
                }
                yield widen(inner, t.position(), close.end());
            }
            case END -> throw new ConditionException(t.position(), "the condition ends too early; a value is missing");
            default ->
                throw new ConditionException(
                        t.position(), "expected a number, a metric or '(' but found '" + t.text() + "'");
        };
    }

    /** A parenthesised node spans its parentheses, so messages quote them too. */
    private static Node widen(Node n, int start, int end) {
        return switch (n) {
            case Node.Number x -> new Node.Number(x.value(), x.unit(), start, end);
            case Node.Name x -> new Node.Name(x.name(), start, end);
            case Node.Negate x -> new Node.Negate(x.operand(), start, end);
            case Node.Arithmetic x -> new Node.Arithmetic(x.op(), x.left(), x.right(), start, end);
            case Node.Compare x -> new Node.Compare(x.op(), x.left(), x.right(), start, end);
            case Node.Logical x -> new Node.Logical(x.op(), x.left(), x.right(), start, end);
            case Node.Not x -> new Node.Not(x.operand(), start, end);
        };
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ConditionException(at.position(), "the condition is nested too deeply");
        }
    }

    private static boolean isComparison(Token.Kind k) {
        return switch (k) {
            case GT, GE, LT, LE, EQ, NE -> true;
            default -> false;
        };
    }

    private static void requireCondition(Node n, String reason) {
        if (!n.condition()) {
            throw new ConditionException(n.start(), reason);
        }
    }

    private static void requireNumber(Node n, String reason) {
        if (n.condition()) {
            throw new ConditionException(n.start(), reason);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token take() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }
}
