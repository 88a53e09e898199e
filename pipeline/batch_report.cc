// BatchReport: counts and the JSON run report.
#include "pipeline/batch.h"

namespace sohoa::pipeline {

int BatchReport::Count(const std::string& status) const {
  int count = 0;
  for (const DocumentOutcome& outcome : documents) count += outcome.status == status ? 1 : 0;
  return count;
}

double BatchReport::PagesPerMinute() const {
  return wall_seconds > 0 ? pages_done * 60.0 / wall_seconds : 0;
}

nlohmann::json BatchReport::ToJson() const {
  nlohmann::json json;
  json["documents"] = {{"done", Count("done")},
                       {"skipped", Count("skipped")},
                       {"failed", Count("failed")},
                       {"not_started", Count("not started")}};
  json["pages_done"] = pages_done;
  json["pages_resumed"] = pages_resumed;
  json["pages_timed_out"] = pages_timed_out;
  json["wall_seconds"] = wall_seconds;
  json["pages_per_minute"] = PagesPerMinute();
  json["stopped_early"] = stopped_early;
  json["catalog"] = catalog_path;
  json["stage_seconds"] = {{"decode", decode_seconds},
                           {"clean", clean_seconds},
                           {"ocr", ocr_seconds},
                           {"write", write_seconds},
                           {"catalog", catalog_seconds}};
  // The split of "ocr" by pass: the first reading of each page against the extra passes.
  json["ocr_pass_seconds"] = {{"page", recognition.pass_page_seconds},
                              {"turns", recognition.pass_turns_seconds},
                              {"unread_ink", recognition.pass_unread_ink_seconds},
                              {"header_fields", recognition.pass_header_fields_seconds}};
  json["input_problems"] = input_problems;
  nlohmann::json failures = nlohmann::json::array();
  nlohmann::json review = nlohmann::json::array();
  nlohmann::json outputs = nlohmann::json::array();
  for (const DocumentOutcome& outcome : documents) {
    if (outcome.status == "failed") {
      failures.push_back({{"input", outcome.input},
                          {"error", outcome.error},
                          {"quarantined", outcome.quarantined}});
    }
    for (size_t i = 0; i < outcome.pages_needing_review.size(); ++i) {
      review.push_back({{"input", outcome.input},
                        {"page", outcome.pages_needing_review[i]},
                        {"reason", outcome.review_reasons[i]}});
    }
    outputs.push_back({{"input", outcome.input},
                       {"status", outcome.status},
                       {"output", outcome.output},
                       {"pages", outcome.pages}});
  }
  json["failures"] = failures;
  json["needs_review"] = review;
  json["outputs"] = outputs;
  return json;
}

}  // namespace sohoa::pipeline
