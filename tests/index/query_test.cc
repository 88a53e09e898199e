#include "index/query.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

std::string Expression(const std::string& text, MatchMode mode = MatchMode::kAsTyped) {
  Result<ParsedQuery> query = ParseQuery(text);
  EXPECT_TRUE(query.ok()) << text;
  return query.ok() ? BuildMatchExpression(*query, mode) : std::string();
}

TEST(QueryTest, WordsPhrasesOrExclusionPrefix) {
  EXPECT_EQ(Expression("chữ ký"), "(\"chữ\") AND (\"ký\")");
  EXPECT_EQ(Expression("\"chữ ký số\""), "(\"chữ ký số\")");
  EXPECT_EQ(Expression("Hoà OR Bình"), "(\"hòa\" OR \"bình\")");
  EXPECT_EQ(Expression("quyết -chỉ"), "((\"quyết\")) NOT (\"chỉ\")");
  EXPECT_EQ(Expression("chuyển*"), "(\"chuyển\"*)");
  EXPECT_EQ(Expression("Đông Triều", MatchMode::kFolded), "(\"dong\") AND (\"trieu\")");
}

TEST(QueryTest, NearReplacesOneWordOfAPhraseAtATime) {
  Result<ParsedQuery> query = ParseQuery("\"thanh toán\"");
  ASSERT_TRUE(query.ok());
  NearVariants variants = [](const std::string& word) {
    return word == "thanh" ? std::vector<std::string>{"tnanh", "thành"}
                           : std::vector<std::string>{"toa"};
  };
  EXPECT_EQ(BuildMatchExpression(*query, MatchMode::kNear, variants),
            "((\"thanh toan\" OR \"tnanh toan\" OR \"thành toan\" OR \"thanh toa\"))");
}

TEST(QueryTest, DocumentNumberBecomesAPhraseOfItsTokens) {
  EXPECT_EQ(Expression("766/QĐ-TTg"), "(\"766 qđ ttg\")");
  EXPECT_EQ(Expression("204/2004/NĐ-CP"), "(\"204 2004 nđ cp\")");
}

TEST(QueryTest, HostileTextIsOnlyText) {
  EXPECT_EQ(Expression("\""), "");
  EXPECT_EQ(Expression("NEAR("), "(\"near\")");
  EXPECT_EQ(Expression("a AND"), "(\"a\") AND (\"and\")");
  EXPECT_EQ(Expression("'); DROP TABLE pages; --"), "(\"drop\") AND (\"table\") AND (\"pages\")");
  EXPECT_EQ(Expression("\"unterminated phrase"), "(\"unterminated phrase\")");
  EXPECT_EQ(Expression("col:value {x} ^y"), "(\"col value\") AND (\"x\") AND (\"y\")");
  EXPECT_EQ(Expression("OR OR -"), "");
  EXPECT_EQ(Expression("***"), "");
}

TEST(QueryTest, Filters) {
  Result<ParsedQuery> query = ParseQuery(
      "hồ sơ type:\"Quyết định\" agency:UBND number:15/QĐ-UBND from:2024-03 to:2024 "
      "collection:lưu-trữ");
  ASSERT_TRUE(query.ok());
  const QueryFilters& filters = query->filters;
  EXPECT_EQ(filters.type.value_or(""), "quyet dinh");
  EXPECT_EQ(filters.agency.value_or(""), "ubnd");
  EXPECT_EQ(filters.number.value_or(""), "15/qd-ubnd");
  EXPECT_EQ(filters.from_date.value_or(""), "2024-03-01");
  EXPECT_EQ(filters.to_date.value_or(""), "2024-99-99");
  EXPECT_EQ(filters.collection.value_or(""), "lưu-trữ");
  EXPECT_EQ(query->required.size(), 2u);
  EXPECT_FALSE(ParseQuery("x from:yesterday").ok());
}

// An agency filter compares names without their punctuation, as the catalog stores them.
TEST(QueryTest, AgencyFilterIgnoresPunctuation) {
  Result<ParsedQuery> query = ParseQuery("agency:\"Sở Văn hóa, Thể thao\"");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->filters.agency.value_or(""), "so van hoa the thao");
  EXPECT_EQ(NameKey("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), "so van hoa the thao va du lich");
  EXPECT_EQ(NameKey("BỘ LAO ĐỘNG - THƯƠNG BINH"), "bo lao dong thuong binh");
  EXPECT_EQ(MetadataKey("15/QĐ-UBND"), "15/qd-ubnd");
}

TEST(QueryTest, AdjacentWordsJoinIntoOnePhrase) {
  Result<ParsedQuery> query = ParseQuery("chu ky so -abc");
  ASSERT_TRUE(query.ok());
  ParsedQuery joined;
  ASSERT_TRUE(JoinAdjacentWords(*query, &joined));
  EXPECT_EQ(BuildMatchExpression(joined, MatchMode::kAsTyped), "((\"chu ky so\")) NOT (\"abc\")");
  Result<ParsedQuery> single = ParseQuery("\"chữ ký\"");
  EXPECT_FALSE(JoinAdjacentWords(*single, &joined));
}

}  // namespace
}  // namespace sohoa::index
