#include "index/fts_rank.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "index/sqlite_handle.h"

namespace sohoa::index {
namespace {

// Rowid -> value of `function` (e.g. "bm25(t)") for the rows matching `expression`.
std::map<long long, double> Scores(sqlite3* db, const std::string& function,
                                   const std::string& expression) {
  std::map<long long, double> scores;
  Result<Statement> statement =
      Statement::Prepare(db, "SELECT rowid, " + function + " FROM t WHERE t MATCH ?");
  EXPECT_TRUE(statement.ok()) << statement.status().ToString();
  if (!statement.ok()) return scores;
  statement->BindText(1, expression);
  Status status;
  while (statement->Step(&status)) scores[statement->ColumnInt(0)] = statement->ColumnDouble(1);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return scores;
}

class FtsRankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("sohoa_fts_rank_" + std::to_string(::getpid()) + ".sqlite");
    std::filesystem::remove(path_);
    db_ = Open();
    ASSERT_TRUE(RegisterRankFunction(db_.get(), "t").ok());
    ASSERT_TRUE(Execute(db_.get(),
                        "CREATE VIRTUAL TABLE t USING fts5(body);"
                        "INSERT INTO t(rowid, body) VALUES (1, 'alpha beta gamma'),"
                        " (2, 'alpha alpha delta'), (3, 'beta beta beta beta alpha epsilon zeta "
                        "eta'), (4, 'theta iota');")
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove(path_);
  }
  SqliteDb Open() {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
    return SqliteDb(raw);
  }

  std::filesystem::path path_;
  SqliteDb db_;
};

// BM25 with k1 = 1.2, b = 0.75, no IDF: 4 rows, 16 tokens, average length 4.
double Bm25WithoutIdf(double frequency, double length) {
  return frequency * 2.2 / (frequency + 1.2 * (0.25 + 0.75 * length / 4.0));
}

TEST_F(FtsRankTest, SinglePhraseIsBm25WithoutTheConstantIdf) {
  for (const char* function : {"sohoa_rank(t, 1000000)", "sohoa_rank(t, 0)", "sohoa_rank(t)"}) {
    std::map<long long, double> scores = Scores(db_.get(), function, "alpha");
    ASSERT_EQ(scores.size(), 3u) << function;
    EXPECT_NEAR(scores[1], -Bm25WithoutIdf(1, 3), 1e-12) << function;  // -1.1139
    EXPECT_NEAR(scores[2], -Bm25WithoutIdf(2, 3), 1e-12) << function;  // -1.4790
    EXPECT_NEAR(scores[3], -Bm25WithoutIdf(1, 8), 1e-12) << function;  // -0.7097
  }
  EXPECT_NEAR(Scores(db_.get(), "sohoa_rank(t)", "alpha")[2], -1.478992, 1e-6);
  // bm25() orders the same way: its values are these times one constant IDF.
  std::map<long long, double> bm25 = Scores(db_.get(), "bm25(t)", "alpha");
  std::map<long long, double> ours = Scores(db_.get(), "sohoa_rank(t)", "alpha");
  const double idf = bm25[1] / ours[1];
  EXPECT_GT(idf, 0);
  EXPECT_NEAR(bm25[2], ours[2] * idf, 1e-12);
  EXPECT_NEAR(bm25[3], ours[3] * idf, 1e-12);
}

TEST_F(FtsRankTest, SeveralPhrasesEqualBm25) {
  for (const char* expression : {"alpha AND beta", "alpha OR iota", "\"alpha beta\" OR delta"}) {
    std::map<long long, double> bm25 = Scores(db_.get(), "bm25(t)", expression);
    for (const char* function : {"sohoa_rank(t, 1000000)", "sohoa_rank(t, 0)"}) {
      std::map<long long, double> ours = Scores(db_.get(), function, expression);
      ASSERT_EQ(ours.size(), bm25.size()) << expression;
      for (const auto& [rowid, value] : bm25) {
        EXPECT_NEAR(ours[rowid], value, 1e-12) << expression << " row " << rowid << function;
      }
    }
  }
  // alpha AND beta: rows 1 and 3; row 1 (short, both once) ranks first.
  std::map<long long, double> ours = Scores(db_.get(), "sohoa_rank(t)", "alpha AND beta");
  EXPECT_LT(ours[1], ours[3]);
}

TEST_F(FtsRankTest, CachedLengthsFollowChangesOfAnyConnection) {
  // Load the lengths, then lengthen row 2 from another connection.
  ASSERT_EQ(Scores(db_.get(), "sohoa_rank(t, 0)", "alpha").size(), 3u);
  {
    SqliteDb other = Open();
    ASSERT_TRUE(Execute(other.get(),
                        "UPDATE t SET body = 'alpha alpha delta delta delta delta delta delta "
                        "delta delta delta delta delta' WHERE rowid = 2")
                    .ok());
  }
  // 4 rows, 26 tokens: average 6.5; row 2 has 13.
  std::map<long long, double> scores = Scores(db_.get(), "sohoa_rank(t, 0)", "alpha");
  EXPECT_NEAR(scores[2], -2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 13 / 6.5)), 1e-12);
  // And from this connection.
  ASSERT_TRUE(Execute(db_.get(), "UPDATE t SET body = 'alpha' WHERE rowid = 3").ok());
  for (const char* expression : {"alpha AND beta", "alpha OR delta"}) {
    std::map<long long, double> bm25 = Scores(db_.get(), "bm25(t)", expression);
    std::map<long long, double> ours = Scores(db_.get(), "sohoa_rank(t, 0)", expression);
    ASSERT_EQ(ours.size(), bm25.size()) << expression;
    for (const auto& [rowid, value] : bm25) EXPECT_NEAR(ours[rowid], value, 1e-12) << rowid;
  }
}

}  // namespace
}  // namespace sohoa::index
