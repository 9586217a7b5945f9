using System;
using System.Linq;
using GluteSense.Host.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// The penalised least-squares pieces of <see cref="RemlProblem"/> against the textbook marginal form of REML
/// (Harville 1977): with V = I + Z Lambda Lambda' Z' (covariance / sigma^2) and beta the GLS estimate,
/// -2 log REML = log|V| + log|X' V^-1 X| + (N - P) (1 + log(2 pi r' V^-1 r / (N - P))), computed here with dense
/// matrices; and a 4-observation example at theta = 0 (ordinary least squares) worked by hand.
/// </summary>
public class RemlProblemTests
{
    // Two subjects (A: rows 0, 2; B: rows 1, 3), two levels (rows 2, 3 carry the dummy).
    private static readonly double[][] X = { new[] { 1.0, 0 }, new[] { 1.0, 0 }, new[] { 1.0, 1 }, new[] { 1.0, 1 } };
    private static readonly double[] Y = { 1, 3, 4, 8 };
    private static readonly int[] Subject = { 0, 1, 0, 1 };

    private static RandomTerm Intercept(int[] level, int levels) =>
        new("subject", new[] { "(Intercept)" }, level, level.Select(_ => new[] { 1.0 }).ToArray(), levels);

    [Fact]
    public void AtThetaZeroTheCriterionIsOrdinaryLeastSquaresWorkedByHand()
    {
        var problem = new RemlProblem(X, Y, new[] { Intercept(Subject, 2) });
        Assert.Equal((4, 2, 2, 1), (problem.N, problem.P, problem.Q, problem.ThetaCount));
        Assert.Equal(new[] { 1.0 }, problem.StartTheta());
        Assert.Equal(new[] { true }, problem.DiagonalTheta());

        // OLS: group means 2 and 6, so beta = (2, 4); RSS = 1 + 1 + 4 + 4 = 10; X'X = [[4, 2], [2, 2]], det 4,
        // inverse [[0.5, -0.5], [-0.5, 1]]; L = I (log|L|^2 = 0).
        RemlState s = problem.Solve(new[] { 0.0 });
        Assert.Equal(0, s.LogDetL2, 12);
        Assert.Equal(Math.Log(4), s.LogDetRx2, 12);
        Assert.Equal(10, s.PenalisedRss, 12);
        Assert.Equal(2, s.Beta[0], 12);
        Assert.Equal(4, s.Beta[1], 12);
        Assert.Equal(new[] { 0.5, -0.5, -0.5, 1 }, s.UnscaledCovariance.ToColumnMajorArray().Select(v => Math.Round(v, 12)));
        Assert.Equal(Math.Log(4) + 2 * (1 + Math.Log(2 * Math.PI * 10 / 2)), problem.ProfiledDeviance(new[] { 0.0 }), 10);
        // Unprofiled at sigma = 2: log 4 + 10 / 4 + 2 log(2 pi 4).
        Assert.Equal(Math.Log(4) + 2.5 + 2 * Math.Log(8 * Math.PI), problem.Deviance(new[] { 0.0 }, 2), 10);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void RandomInterceptCriterionIsTheMarginalReml(double theta)
    {
        var problem = new RemlProblem(X, Y, new[] { Intercept(Subject, 2) });
        Matrix<double> z = Matrix<double>.Build.Dense(4, 2, (i, j) => Subject[i] == j ? 1 : 0);
        Matrix<double> lambda = Matrix<double>.Build.DenseDiagonal(2, theta);
        AssertMarginal(problem, new[] { theta }, X, Y, z, lambda);
    }

    [Fact]
    public void RandomSlopeAndSetTermsFollowLme4sLayout()
    {
        // Three subjects, two levels, two sets per subject: value ~ level + (1 + level | subject) + (1 | subject:set).
        double[][] x = Enumerable.Range(0, 12).Select(i => new[] { 1.0, i % 2 }).ToArray();
        double[] y = { 3, 5, 2, 7, 4, 4, 6, 9, 1, 2, 5, 8 };
        int[] subject = Enumerable.Range(0, 12).Select(i => i / 4).ToArray();
        int[] set = Enumerable.Range(0, 12).Select(i => i / 4 * 2 + i % 2).ToArray();   // a set: one subject, one level
        var slope = new RandomTerm("subject", new[] { "(Intercept)", "levelB" }, subject, x, 3);
        Assert.Equal(3, slope.ThetaCount);   // the lower triangle of a 2 x 2 T
        var problem = new RemlProblem(x, y, new[] { slope, Intercept(set, 6) });
        Assert.Equal((12, 2, 3 * 2 + 6, 4), (problem.N, problem.P, problem.Q, problem.ThetaCount));
        Assert.Equal(new[] { 1.0, 0, 1, 1 }, problem.StartTheta());
        Assert.Equal(new[] { true, false, true, true }, problem.DiagonalTheta());

        // theta = (a, b, c, d): T = [[a, 0], [b, c]] (lme4's column-by-column lower triangle) and the set term's d.
        double[] theta = { 1.2, -0.4, 0.7, 0.5 };
        var factors = problem.Factors(theta);
        Assert.Equal(new[] { 1.2, -0.4, 0, 0.7 }, factors[0].ToColumnMajorArray());
        Assert.Equal(new[] { 0.5 }, factors[1].ToColumnMajorArray());

        // Z: per subject the columns (intercept, level) at 2 s, 2 s + 1; then one column per set.
        Matrix<double> z = Matrix<double>.Build.Dense(12, 12, (i, j) =>
            j < 6 ? (j / 2 == subject[i] ? (j % 2 == 0 ? 1 : x[i][1]) : 0) : (j - 6 == set[i] ? 1 : 0));
        Matrix<double> lambda = Matrix<double>.Build.Dense(12, 12);
        for (int s = 0; s < 3; s++) lambda.SetSubMatrix(2 * s, 2 * s, factors[0]);
        for (int k = 6; k < 12; k++) lambda[k, k] = 0.5;
        AssertMarginal(problem, theta, x, y, z, lambda);
    }

    private static void AssertMarginal(RemlProblem problem, double[] theta, double[][] xRows, double[] yValues, Matrix<double> z, Matrix<double> lambda)
    {
        int n = problem.N, p = problem.P;
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(xRows);
        Vector<double> y = Vector<double>.Build.DenseOfArray(yValues);
        Matrix<double> v = Matrix<double>.Build.DenseIdentity(n) + z * lambda * lambda.Transpose() * z.Transpose();
        Matrix<double> vi = v.Inverse();
        Matrix<double> xtvix = x.Transpose() * vi * x;
        Vector<double> beta = xtvix.Solve(x.Transpose() * vi * y);
        Vector<double> r = y - x * beta;
        double q = r * (vi * r);
        double logDetV = Math.Log(v.Determinant()), logDetX = Math.Log(xtvix.Determinant());

        RemlState s = problem.Solve(theta);
        Assert.Equal(logDetV, s.LogDetL2, 9);
        Assert.Equal(logDetX, s.LogDetRx2, 9);
        Assert.Equal(q, s.PenalisedRss, 9);
        for (int j = 0; j < p; j++) Assert.Equal(beta[j], s.Beta[j], 9);
        Matrix<double> covariance = xtvix.Inverse();
        for (int j = 0; j < p; j++)
        {
            for (int k = 0; k < p; k++) Assert.Equal(covariance[j, k], s.UnscaledCovariance[j, k], 9);
        }

        Assert.Equal(logDetV + logDetX + (n - p) * (1 + Math.Log(2 * Math.PI * q / (n - p))), problem.ProfiledDeviance(theta), 9);
        const double sigma = 1.7;
        Assert.Equal(logDetV + logDetX + q / (sigma * sigma) + (n - p) * Math.Log(2 * Math.PI * sigma * sigma), problem.Deviance(theta, sigma), 9);
    }
}
