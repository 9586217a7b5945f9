using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GluteSense.Host.Statistics;

/// <summary>
/// One random-effect term of a linear mixed model: a grouping factor (one level per row) and, per row, the values of the
/// term's nc model columns (1 for a random intercept; 1 + dummies for a random slope). Its covariance is sigma^2 T T'
/// with T lower triangular (nc x nc), the same for every level, as lme4's relative covariance factor Lambda.
/// </summary>
internal sealed record RandomTerm(string Group, IReadOnlyList<string> ColumnNames, int[] LevelOfRow, double[][] ColumnsOfRow, int Levels)
{
    public int Columns => ColumnNames.Count;

    /// <summary>Number of theta entries: the lower triangle of T, column by column (lme4's order).</summary>
    public int ThetaCount => Columns * (Columns + 1) / 2;
}

/// <summary>
/// The penalised least-squares form of REML (Bates, Maechler, Bolker and Walker 2015, lme4 section 3), dense in the
/// q random effects and p fixed effects (q is a few hundred for a study, so the data enter only through the cross
/// products Z'Z, Z'X, Z'y, X'X, X'y computed once). Evaluates, for relative covariance parameters theta, the
/// conditional estimates and the pieces of the REML criterion.
/// </summary>
internal sealed class RemlProblem
{
    private readonly IReadOnlyList<RandomTerm> _terms;
    private readonly double[][] _x;
    private readonly double[] _y;
    private readonly (int Column, double Value)[][] _zRows;
    private readonly Matrix<double> _ztz, _ztx, _xtx;
    private readonly double[] _ztzColumnMajor;
    private readonly Vector<double> _zty, _xty;
    private readonly int[] _termOffset;

    public RemlProblem(double[][] x, double[] y, IReadOnlyList<RandomTerm> terms)
    {
        _x = x;
        _y = y;
        _terms = terms;
        N = y.Length;
        P = x[0].Length;
        _termOffset = new int[terms.Count];
        int q = 0;
        for (int t = 0; t < terms.Count; t++)
        {
            _termOffset[t] = q;
            q += terms[t].Levels * terms[t].Columns;
        }

        Q = q;
        _zRows = new (int, double)[N][];
        for (int i = 0; i < N; i++)
        {
            var row = new List<(int, double)>();
            for (int t = 0; t < terms.Count; t++)
            {
                RandomTerm term = terms[t];
                for (int c = 0; c < term.Columns; c++)
                {
                    double v = term.ColumnsOfRow[i][c];
                    if (v != 0) row.Add((_termOffset[t] + term.LevelOfRow[i] * term.Columns + c, v));
                }
            }

            _zRows[i] = row.ToArray();
        }

        _ztz = Matrix<double>.Build.Dense(Q, Q);
        _ztx = Matrix<double>.Build.Dense(Q, P);
        _xtx = Matrix<double>.Build.Dense(P, P);
        _zty = Vector<double>.Build.Dense(Q);
        _xty = Vector<double>.Build.Dense(P);
        for (int i = 0; i < N; i++)
        {
            foreach ((int a, double va) in _zRows[i])
            {
                foreach ((int b, double vb) in _zRows[i]) _ztz[a, b] += va * vb;
                for (int j = 0; j < P; j++) _ztx[a, j] += va * x[i][j];
                _zty[a] += va * y[i];
            }

            for (int j = 0; j < P; j++)
            {
                for (int k = 0; k < P; k++) _xtx[j, k] += x[i][j] * x[i][k];
                _xty[j] += x[i][j] * y[i];
            }
        }

        _ztzColumnMajor = _ztz.ToColumnMajorArray();
    }

    public int N { get; }

    public int P { get; }

    public int Q { get; }

    public int ThetaCount => _terms.Sum(t => t.ThetaCount);

    /// <summary>lme4's starting point: 1 on the diagonals of every T, 0 below.</summary>
    public double[] StartTheta() => _terms.SelectMany(t => LowerTriangle(t.Columns).Select(ij => ij.I == ij.J ? 1.0 : 0.0)).ToArray();

    /// <summary>True for theta entries on a diagonal of T (bounded below by 0).</summary>
    public bool[] DiagonalTheta() => _terms.SelectMany(t => LowerTriangle(t.Columns).Select(ij => ij.I == ij.J)).ToArray();

    /// <summary>Conditional solution at theta: log|L|^2, log|R_X|^2, penalised residual sum of squares, beta and
    /// (X' V^-1 X / sigma^2)^-1 = (R_X' R_X)^-1 (multiply by sigma^2 for the fixed effects' covariance).</summary>
    public RemlState Solve(IReadOnlyList<double> theta)
    {
        Matrix<double> lambda = Lambda(theta);
        Matrix<double> lambdaT = lambda.Transpose();
        Matrix<double> a = LambdaTZtZLambda(Factors(theta)) + Matrix<double>.Build.DenseIdentity(Q);
        var cholL = a.Cholesky();
        Matrix<double> l = cholL.Factor;
        double[] lc = l.ToColumnMajorArray();
        Matrix<double> lambdaTztx = lambdaT * _ztx;
        Matrix<double> rzx = Matrix<double>.Build.DenseOfColumnVectors(
            Enumerable.Range(0, P).Select(j => Forward(lc, lambdaTztx.Column(j))).ToArray());
        Vector<double> cu = Forward(lc, lambdaT * _zty);
        Matrix<double> xtvx = _xtx - rzx.TransposeThisAndMultiply(rzx);
        var cholX = xtvx.Cholesky();
        Vector<double> beta = cholX.Solve(_xty - rzx.TransposeThisAndMultiply(cu));
        Vector<double> u = BackwardTransposed(lc, cu - rzx * beta);
        Vector<double> b = lambda * u;
        double rss = 0;
        for (int i = 0; i < N; i++)
        {
            double fitted = 0;
            for (int j = 0; j < P; j++) fitted += _x[i][j] * beta[j];
            foreach ((int c, double v) in _zRows[i]) fitted += v * b[c];
            rss += (_y[i] - fitted) * (_y[i] - fitted);
        }

        double penalised = rss + u.DotProduct(u);
        double logDetL2 = 2 * Enumerable.Range(0, Q).Sum(i => Math.Log(l[i, i]));
        double logDetRx2 = 2 * Enumerable.Range(0, P).Sum(i => Math.Log(cholX.Factor[i, i]));
        return new RemlState(logDetL2, logDetRx2, penalised, beta.ToArray(), cholX.Solve(Matrix<double>.Build.DenseIdentity(P)));
    }

    /// <summary>REML criterion (-2 restricted log-likelihood) with sigma profiled out (lme4's REMLcrit).</summary>
    public double ProfiledDeviance(IReadOnlyList<double> theta)
    {
        RemlState s = Solve(theta);
        int dof = N - P;
        return s.LogDetL2 + s.LogDetRx2 + dof * (1 + Math.Log(2 * Math.PI * s.PenalisedRss / dof));
    }

    /// <summary>REML criterion at (theta, sigma) without profiling: lmerTest's devfun_vp, whose Hessian gives the
    /// asymptotic covariance of the variance parameters for Satterthwaite's df.</summary>
    public double Deviance(IReadOnlyList<double> theta, double sigma)
    {
        RemlState s = Solve(theta);
        double sigma2 = sigma * sigma;
        return s.LogDetL2 + s.LogDetRx2 + s.PenalisedRss / sigma2 + (N - P) * Math.Log(2 * Math.PI * sigma2);
    }

    /// <summary>Each term's T (nc x nc lower triangular) from theta.</summary>
    public IReadOnlyList<Matrix<double>> Factors(IReadOnlyList<double> theta)
    {
        var factors = new List<Matrix<double>>();
        int k = 0;
        foreach (RandomTerm term in _terms)
        {
            Matrix<double> factor = Matrix<double>.Build.Dense(term.Columns, term.Columns);
            foreach ((int i, int j) in LowerTriangle(term.Columns)) factor[i, j] = theta[k++];
            factors.Add(factor);
        }

        return factors;
    }

    /// <summary>Solves L x = b for the lower-triangular L (column-major, Q x Q) by forward substitution (O(Q^2), where a
    /// general solve would factorise L again).</summary>
    private Vector<double> Forward(double[] l, Vector<double> b)
    {
        int q = Q;
        double[] x = b.ToArray();
        for (int k = 0; k < q; k++)
        {
            x[k] /= l[k * q + k];
            double xk = x[k];
            for (int i = k + 1; i < q; i++) x[i] -= l[k * q + i] * xk;
        }

        return Vector<double>.Build.Dense(x);
    }

    /// <summary>Solves L' x = b for the lower-triangular L (column-major, Q x Q) by back substitution.</summary>
    private Vector<double> BackwardTransposed(double[] l, Vector<double> b)
    {
        int q = Q;
        double[] x = b.ToArray();
        for (int i = q - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int k = i + 1; k < q; k++) sum -= l[i * q + k] * x[k];
            x[i] = sum / l[i * q + i];
        }

        return Vector<double>.Build.Dense(x);
    }

    /// <summary>
    /// Lambda' Z'Z Lambda from Lambda's block-diagonal structure (the same nc x nc lower-triangular T for every level of
    /// a term): O(Q^2 nc) instead of two dense O(Q^3) products, which made a 34-subject fit with a random slope take
    /// minutes (every REML evaluation does this once).
    /// </summary>
    private Matrix<double> LambdaTZtZLambda(IReadOnlyList<Matrix<double>> factors)
    {
        int q = Q;
        var m = new double[q * q];   // Z'Z Lambda, column-major
        var r = new double[q * q];   // Lambda' (Z'Z Lambda), column-major
        // Lambda's nonzeros: entry (row o + k, column o + j) = T[k, j] for k >= j.
        ForEachLambdaEntry(factors, (row, column, value) =>
        {
            int src = row * q, dst = column * q;
            for (int i = 0; i < q; i++) m[dst + i] += _ztzColumnMajor[src + i] * value;
        });
        ForEachLambdaEntry(factors, (row, column, value) =>
        {
            for (int c = 0; c < q; c++) r[c * q + column] += value * m[c * q + row];
        });
        return Matrix<double>.Build.Dense(q, q, r);
    }

    /// <summary>Calls <paramref name="visit"/>(row, column, value) for each nonzero of Lambda (block diagonal, one
    /// lower-triangular nc x nc factor per level of each term).</summary>
    private void ForEachLambdaEntry(IReadOnlyList<Matrix<double>> factors, Action<int, int, double> visit)
    {
        for (int t = 0; t < _terms.Count; t++)
        {
            int nc = _terms[t].Columns;
            Matrix<double> f = factors[t];
            for (int level = 0; level < _terms[t].Levels; level++)
            {
                int o = _termOffset[t] + level * nc;
                for (int j = 0; j < nc; j++)
                {
                    for (int k = j; k < nc; k++)
                    {
                        if (f[k, j] != 0) visit(o + k, o + j, f[k, j]);
                    }
                }
            }
        }
    }

    private Matrix<double> Lambda(IReadOnlyList<double> theta)
    {
        Matrix<double> lambda = Matrix<double>.Build.Dense(Q, Q);
        IReadOnlyList<Matrix<double>> factors = Factors(theta);
        for (int t = 0; t < _terms.Count; t++)
        {
            int nc = _terms[t].Columns;
            for (int level = 0; level < _terms[t].Levels; level++)
            {
                int o = _termOffset[t] + level * nc;
                for (int i = 0; i < nc; i++)
                {
                    for (int j = 0; j <= i; j++) lambda[o + i, o + j] = factors[t][i, j];
                }
            }
        }

        return lambda;
    }

    /// <summary>(row, column) of a lower triangle, column by column: (0,0), (1,0), (1,1) for nc = 2 as lme4.</summary>
    private static IEnumerable<(int I, int J)> LowerTriangle(int nc)
    {
        for (int j = 0; j < nc; j++)
        {
            for (int i = j; i < nc; i++) yield return (i, j);
        }
    }
}

/// <summary>The conditional solution of the penalised least-squares problem at one theta.</summary>
internal sealed record RemlState(double LogDetL2, double LogDetRx2, double PenalisedRss, double[] Beta, Matrix<double> UnscaledCovariance);
