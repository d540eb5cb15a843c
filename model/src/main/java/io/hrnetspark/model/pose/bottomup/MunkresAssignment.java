package io.hrnetspark.model.pose.bottomup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The minimum-cost assignment of rows to columns computed step for step as the Python {@code munkres}
 * package computes it (the Hungarian algorithm in Munkres' six steps, as the official HigherHRNet
 * grouping calls it), so that among equally cheap assignments the same one is chosen. A non-square
 * matrix is padded with zeros to a square; only pairs of original rows and columns are returned.
 */
public final class MunkresAssignment {

    private static final int STARRED = 1;
    private static final int PRIMED = 2;

    private final double[][] cost;
    private final int n;
    private final boolean[] rowCovered;
    private final boolean[] colCovered;
    private final int[][] marked;
    private int pathRow;
    private int pathCol;

    private MunkresAssignment(double[][] matrix) {
        int rows = matrix.length;
        int cols = matrix[0].length;
        n = Math.max(rows, cols);
        cost = new double[n][n];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(matrix[i], 0, cost[i], 0, cols);
        }
        rowCovered = new boolean[n];
        colCovered = new boolean[n];
        marked = new int[n][n];
    }

    /**
     * The assigned {@code (row, column)} pairs of a rectangular cost matrix, in row order.
     *
     * @throws IllegalArgumentException for an empty or ragged matrix
     */
    public static List<int[]> compute(double[][] matrix) {
        if (matrix.length == 0 || matrix[0].length == 0
                || Arrays.stream(matrix).anyMatch(row -> row.length != matrix[0].length)) {
            throw new IllegalArgumentException("A cost matrix must be a non-empty rectangle");
        }
        MunkresAssignment solver = new MunkresAssignment(matrix);
        solver.solve();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[0].length; j++) {
                if (solver.marked[i][j] == STARRED) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        return pairs;
    }

    private void solve() {
        subtractRowMinima();
        starZeros();
        while (!coverStarredColumns()) {
            while (!primeZeros()) {
                adjustByMinimum();
            }
            augmentPath();
        }
    }

    /** Step 1. */
    private void subtractRowMinima() {
        for (double[] row : cost) {
            double min = row[0];
            for (double value : row) {
                if (value < min) {
                    min = value;
                }
            }
            for (int j = 0; j < n; j++) {
                row[j] -= min;
            }
        }
    }

    /** Step 2. */
    private void starZeros() {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (cost[i][j] == 0 && !colCovered[j] && !rowCovered[i]) {
                    marked[i][j] = STARRED;
                    colCovered[j] = true;
                    rowCovered[i] = true;
                    break;
                }
            }
        }
        clearCovers();
    }

    /** Step 3: true when the starred zeros cover every column (done). */
    private boolean coverStarredColumns() {
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (marked[i][j] == STARRED && !colCovered[j]) {
                    colCovered[j] = true;
                    count++;
                }
            }
        }
        return count >= n;
    }

    /** Step 4: false when no uncovered zero is left (go to step 6), true when a path starts (step 5). */
    private boolean primeZeros() {
        int row = 0;
        int col = 0;
        while (true) {
            int[] zero = findZero(row, col);
            if (zero == null) {
                return false;
            }
            row = zero[0];
            col = zero[1];
            marked[row][col] = PRIMED;
            int starCol = findInRow(row, STARRED);
            if (starCol < 0) {
                pathRow = row;
                pathCol = col;
                return true;
            }
            col = starCol;
            rowCovered[row] = true;
            colCovered[col] = false;
        }
    }

    /**
     * The uncovered zero {@code munkres} finds: rows from {@code row0} on (wrapping), in the first row
     * that has one the last uncovered zero scanning columns from {@code col0} (wrapping).
     */
    private int[] findZero(int row0, int col0) {
        int i = row0;
        do {
            int found = -1;
            int j = col0;
            do {
                if (cost[i][j] == 0 && !rowCovered[i] && !colCovered[j]) {
                    found = j;
                }
                j = (j + 1) % n;
            } while (j != col0);
            if (found >= 0) {
                return new int[] {i, found};
            }
            i = (i + 1) % n;
        } while (i != row0);
        return null;
    }

    /** Step 5. */
    private void augmentPath() {
        List<int[]> path = new ArrayList<>();
        path.add(new int[] {pathRow, pathCol});
        while (true) {
            int row = findInColumn(path.get(path.size() - 1)[1]);
            if (row < 0) {
                break;
            }
            path.add(new int[] {row, path.get(path.size() - 1)[1]});
            path.add(new int[] {row, findInRow(row, PRIMED)});
        }
        for (int[] cell : path) {
            marked[cell[0]][cell[1]] = marked[cell[0]][cell[1]] == STARRED ? 0 : STARRED;
        }
        clearCovers();
        for (int[] row : marked) {
            for (int j = 0; j < n; j++) {
                if (row[j] == PRIMED) {
                    row[j] = 0;
                }
            }
        }
    }

    /** Step 6. */
    private void adjustByMinimum() {
        double min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!rowCovered[i] && !colCovered[j] && min > cost[i][j]) {
                    min = cost[i][j];
                }
            }
        }
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (rowCovered[i]) {
                    cost[i][j] += min;
                }
                if (!colCovered[j]) {
                    cost[i][j] -= min;
                }
                changed |= rowCovered[i] != !colCovered[j];
            }
        }
        if (!changed) {
            throw new IllegalStateException("The cost matrix cannot be solved");
        }
    }

    private int findInRow(int row, int mark) {
        for (int j = 0; j < n; j++) {
            if (marked[row][j] == mark) {
                return j;
            }
        }
        return -1;
    }

    private int findInColumn(int col) {
        for (int i = 0; i < n; i++) {
            if (marked[i][col] == STARRED) {
                return i;
            }
        }
        return -1;
    }

    private void clearCovers() {
        Arrays.fill(rowCovered, false);
        Arrays.fill(colCovered, false);
    }
}
