#include "pipeline/batch.h"

#include <fmt/format.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "common/atomic_file.h"
#include "index/catalog.h"
#include "index/metadata.h"
#include "pipeline/batch_files.h"
#include "pipeline/document_metadata.h"
#include "pipeline/document_writer.h"
#include "pipeline/inputs.h"
#include "pipeline/journal.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;
namespace flow = oneapi::tbb::flow;

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct PageTask {
  int document = 0;
  int page = 0;  // 0-based; -1: the document failed before its pages (probe error, skip)
};

struct PageResult {
  int document = 0;
  int page = 0;
  Status status;  // decode or cleaning failure: the document fails
  bool from_journal = false;
  PageText text;
  bool has_real_text = false;
  double render_dpi = 0;
  int source_width = 0;
  int source_height = 0;
  double decode_seconds = 0;
  PageTimings timings;
};
using PageResultPtr = std::shared_ptr<PageResult>;

// Per-document state; owned by the source until its pages are emitted, then read by the
// workers (immutable) and completed by the assembler (the only writer of `pages`).
struct DocumentState {
  InputDocument input;
  std::optional<SourceInfo> info;
  Status probe_status;
  bool skipped = false;
  std::vector<PageResultPtr> pages;
  std::vector<char> journaled;  // pages taken from the journal; read by the source only
  int pages_received = 0;
  bool finished = false;
};

// Fixed pool of engines sized to the OCR stage's concurrency: a worker always finds one.
class EnginePool {
 public:
  Status Fill(int count, const ocr::OcrOptions& options) {
    for (int i = 0; i < count; ++i) {
      Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create(options);
      if (!engine.ok()) return engine.status();
      free_.push(engine->get());
      engines_.push_back(std::move(engine).value());
    }
    return Status::Ok();
  }
  ocr::OcrEngine* Acquire() {
    ocr::OcrEngine* engine = nullptr;
    free_.pop(engine);
    return engine;
  }
  void Release(ocr::OcrEngine* engine) { free_.push(engine); }

 private:
  std::vector<std::unique_ptr<ocr::OcrEngine>> engines_;
  oneapi::tbb::concurrent_bounded_queue<ocr::OcrEngine*> free_;
};

class BatchRun {
 public:
  BatchRun(const BatchOptions& options, const ProgressCallback& progress)
      : options_(options), progress_(progress) {}

  Result<BatchReport> Run();

 private:
  bool NextTask(PageTask* task);
  PageResultPtr ProcessPage(const PageTask& task);
  void Assemble(const PageResultPtr& result);
  void FinishDocument(int index);
  void RecordOutcome(DocumentOutcome outcome);
  bool StopRequested() const;
  // Fills the pages an interrupted run already finished; drops them instead with --force.
  void LoadJournal(DocumentState& document);
  void JournalPage(const DocumentState& document, const PageResult& page);
  void ReportPageProgress(const DocumentState& document);
  void AfterFailure(const DocumentState& document, DocumentOutcome& outcome);
  void AfterDone(const DocumentState& document);

  const BatchOptions& options_;
  const ProgressCallback& progress_;
  std::unique_ptr<index::Catalog> catalog_;
  std::map<std::string, index::DocumentRecord> previous_;  // by input path
  std::string settings_digest_;
  Clock::time_point run_start_ = Clock::now();
  BatchProgress progress_state_;
  EnginePool engines_;
  std::vector<DocumentState> documents_;
  BatchReport report_;
  int next_document_ = 0;
  int next_page_ = 0;
  int documents_finished_ = 0;
};

bool BatchRun::StopRequested() const {
  if (options_.stop_requested && options_.stop_requested->load()) return true;
  return options_.stop_at && Clock::now() >= *options_.stop_at;
}

bool BatchRun::NextTask(PageTask* task) {
  if (StopRequested()) return false;
  while (next_document_ < static_cast<int>(documents_.size())) {
    DocumentState& document = documents_[next_document_];
    if (next_page_ == 0 && !document.info && document.probe_status.ok() && !document.skipped) {
      Result<SourceInfo> info = ProbeSource(document.input.path);
      if (!info.ok()) {
        document.probe_status = info.status();
      } else if (info->page_count <= 0) {
        document.probe_status = InvalidInput("the file has no pages");
      } else {
        auto previous = previous_.find(document.input.display_path);
        document.skipped =
            !options_.force && previous != previous_.end() && previous->second.status == "done" &&
            previous->second.sha256 == info->sha256 && fs::exists(previous->second.output_path);
        if (document.skipped) {
          // Done, but with other settings (model, cleaning, keep_skew, version): redo it.
          Result<std::string> digest = catalog_->JournalDoneDigest(document.input.display_path);
          document.skipped = digest.ok() && *digest == settings_digest_;
        }
        document.info = std::move(info).value();
        document.pages.resize(document.info->page_count);
        ++progress_state_.documents_probed;
        if (!document.skipped) {
          progress_state_.pages_known += document.info->page_count;
          LoadJournal(document);
          if (document.pages_received == document.info->page_count) {
            *task = {next_document_++, -1};
            return true;
          }
        }
      }
      if (!document.probe_status.ok() || document.skipped) {
        *task = {next_document_++, -1};
        return true;
      }
    }
    while (next_page_ < document.info->page_count && document.journaled[next_page_]) ++next_page_;
    if (next_page_ < document.info->page_count) {
      *task = {next_document_, next_page_++};
      return true;
    }
    ++next_document_;
    next_page_ = 0;
  }
  return false;
}

PageResultPtr BatchRun::ProcessPage(const PageTask& task) {
  auto result = std::make_shared<PageResult>();
  result->document = task.document;
  result->page = task.page;
  if (task.page < 0) return result;
  const SourceInfo& info = *documents_[task.document].info;

  Clock::time_point start = Clock::now();
  Result<DecodedPage> decoded = DecodePage(info, task.page, options_.limits);
  result->decode_seconds = SecondsSince(start);
  if (!decoded.ok()) {
    result->status = decoded.status();
    return result;
  }
  result->render_dpi = decoded->dpi;
  result->source_width = decoded->pixels.cols;
  result->source_height = decoded->pixels.rows;
  if (decoded->has_real_text) {
    result->has_real_text = true;
    result->text = std::move(decoded->existing_text);
    return result;
  }
  ocr::OcrEngine* engine = engines_.Acquire();
  Result<PageText> text = RecognizePage(*decoded, *engine, options_.recognition, &result->timings);
  engines_.Release(engine);
  if (!text.ok()) {
    result->status = text.status();
  } else {
    result->text = std::move(text).value();
  }
  return result;
}

void BatchRun::Assemble(const PageResultPtr& result) {
  DocumentState& document = documents_[result->document];
  report_.decode_seconds += result->decode_seconds;
  report_.clean_seconds += result->timings.clean_seconds;
  report_.ocr_seconds += result->timings.ocr_seconds;
  report_.recognition.pass_page_seconds += result->timings.pass_page_seconds;
  report_.recognition.pass_turns_seconds += result->timings.pass_turns_seconds;
  report_.recognition.pass_unread_ink_seconds += result->timings.pass_unread_ink_seconds;
  report_.recognition.pass_header_fields_seconds += result->timings.pass_header_fields_seconds;
  if (result->page < 0) {
    FinishDocument(result->document);
    return;
  }
  if (result->status.ok()) JournalPage(document, *result);
  if (result->text.quality.ocr_timed_out) ++report_.pages_timed_out;
  document.pages[result->page] = result;
  ++progress_state_.pages_processed;
  if (++document.pages_received == static_cast<int>(document.pages.size())) {
    FinishDocument(result->document);
  }
  ReportPageProgress(document);
}

void BatchRun::LoadJournal(DocumentState& document) {
  const std::string& sha = document.info->sha256;
  document.journaled.assign(document.pages.size(), 0);
  if (options_.force) {
    if (Status dropped = catalog_->DropJournalPages(sha); !dropped.ok()) {
      spdlog::warn("journal: {}", dropped.ToString());
    }
    return;
  }
  Result<std::vector<std::pair<int, std::string>>> entries =
      catalog_->JournalPages(sha, settings_digest_);
  if (!entries.ok()) {
    spdlog::warn("journal: {}", entries.status().ToString());
    return;
  }
  for (const auto& [page, json] : *entries) {
    if (page < 0 || page >= static_cast<int>(document.pages.size())) continue;
    Result<JournaledPage> decoded = DecodeJournaledPage(json);
    if (!decoded.ok()) continue;  // redone by OCR
    auto result = std::make_shared<PageResult>();
    result->page = page;
    result->from_journal = true;
    result->text = std::move(decoded->text);
    result->has_real_text = decoded->layout.has_real_text;
    result->render_dpi = decoded->layout.render_dpi;
    result->source_width = decoded->layout.source_width;
    result->source_height = decoded->layout.source_height;
    document.pages[page] = std::move(result);
    document.journaled[page] = 1;
    ++document.pages_received;
    ++report_.pages_resumed;
  }
  if (document.pages_received > 0) {
    spdlog::info("{}: resuming, {} of {} pages already done", document.input.display_path,
                 document.pages_received, document.pages.size());
  }
}

void BatchRun::JournalPage(const DocumentState& document, const PageResult& page) {
  JournaledPage entry{page.text,
                      {page.has_real_text, page.render_dpi, page.source_width, page.source_height}};
  Status stored = catalog_->PutJournalPage(document.info->sha256, settings_digest_, page.page,
                                           EncodeJournaledPage(entry));
  if (!stored.ok()) spdlog::warn("journal: {}", stored.ToString());
  CrashPointForTests("page-journaled");
}

void BatchRun::ReportPageProgress(const DocumentState& document) {
  if (!options_.on_page) return;
  progress_state_.documents_finished = documents_finished_;
  progress_state_.documents_total = static_cast<int>(documents_.size());
  progress_state_.elapsed_seconds = SecondsSince(run_start_);
  progress_state_.current_input = document.input.display_path;
  options_.on_page(progress_state_);
}

void BatchRun::FinishDocument(int index) {
  DocumentState& document = documents_[index];
  document.finished = true;
  DocumentOutcome outcome;
  outcome.input = document.input.display_path;
  index::DocumentRecord record;
  record.input_path = document.input.display_path;
  record.collection = options_.collection;
  if (document.info) {
    record.sha256 = document.info->sha256;
    record.page_count = document.info->page_count;
  }

  Status status = document.probe_status;
  if (document.skipped) {
    outcome.status = "skipped";
    outcome.output = previous_[record.input_path].output_path;
    outcome.pages = record.page_count;
    AfterDone(document);
    RecordOutcome(std::move(outcome));
    return;
  }
  for (const PageResultPtr& page : document.pages) {
    if (status.ok() && page && !page->status.ok()) {
      status = Status(page->status.code(),
                      fmt::format("page {}: {}", page->page + 1, page->status.message()));
    }
  }

  std::vector<PageText> texts;
  std::vector<PageLayout> layouts;
  if (status.ok()) {
    for (const PageResultPtr& page : document.pages) {
      layouts.push_back(
          {page->has_real_text, page->render_dpi, page->source_width, page->source_height});
      texts.push_back(std::move(page->text));
    }
  }
  std::vector<index::MetadataSection> sections;
  if (status.ok()) {
    sections = DescribeDocument(&texts);
    Clock::time_point start = Clock::now();
    DocumentStamp stamp{ModificationTimeIso(document.input.path), settings_digest_};
    status =
        WriteSearchablePdf(*document.info, texts, layouts, sections, document.input.display_path,
                           options_.write, document.input.output_path, stamp);
    report_.write_seconds += SecondsSince(start);
    CrashPointForTests("pdf-written");
  }

  Clock::time_point start = Clock::now();
  if (status.ok()) {
    record.output_path = document.input.output_path.string();
    record.status = "done";
    Status stored = catalog_->PutDocument(record, texts, sections);
    CrashPointForTests("catalog-put");
    if (stored.ok())
      stored = catalog_->MarkJournalDone(record.input_path, record.sha256, settings_digest_);
    if (!stored.ok()) status = stored;
  }
  if (!status.ok()) {
    outcome.status = "failed";
    outcome.error = fmt::format("{}: {}", document.input.display_path, status.ToString());
    record.status = "failed";
    record.error = status.ToString();
    record.output_path.clear();
    Status stored = catalog_->PutFailure(record);
    if (!stored.ok()) spdlog::error("catalog: {}", stored.ToString());
    AfterFailure(document, outcome);
    spdlog::error("{}", outcome.error);
  } else {
    outcome.status = "done";
    outcome.output = record.output_path;
    outcome.pages = record.page_count;
    report_.pages_done += record.page_count;
    AfterDone(document);
    for (size_t i = 0; i < texts.size(); ++i) {
      if (texts[i].quality.needs_review) {
        outcome.pages_needing_review.push_back(static_cast<int>(i) + 1);
        outcome.review_reasons.push_back(texts[i].quality.review_reason);
      }
    }
  }
  report_.catalog_seconds += SecondsSince(start);
  document.pages.clear();
  document.pages.shrink_to_fit();
  RecordOutcome(std::move(outcome));
}

void BatchRun::AfterFailure(const DocumentState& document, DocumentOutcome& outcome) {
  if (options_.quarantine_dir.empty()) return;
  fs::path target = PlaceUnder(options_.quarantine_dir, options_.output_dir,
                               document.input.output_path, document.input.path);
  Status copied = CopyDurably(document.input.path, target);
  if (copied.ok()) {
    outcome.quarantined = target.string();
  } else {
    spdlog::error("quarantine: {}", copied.ToString());
  }
}

// Called only once the PDF is renamed into place (fsynced) and the catalog has committed.
void BatchRun::AfterDone(const DocumentState& document) {
  if (options_.move_done_dir.empty()) return;
  fs::path target = PlaceUnder(options_.move_done_dir, options_.output_dir,
                               document.input.output_path, document.input.path);
  if (Status moved = MoveDurably(document.input.path, target); !moved.ok()) {
    spdlog::error("move-done: {}", moved.ToString());
  }
}

void BatchRun::RecordOutcome(DocumentOutcome outcome) {
  ++documents_finished_;
  if (progress_) {
    progress_(outcome, documents_finished_, static_cast<int>(documents_.size()),
              report_.pages_done);
  }
  report_.documents.push_back(std::move(outcome));
}

Result<BatchReport> BatchRun::Run() {
  Clock::time_point run_start = run_start_;
  std::error_code ec;
  fs::create_directories(options_.output_dir, ec);
  if (ec) {
    return IoError(fmt::format("{}: cannot create output folder: {}", options_.output_dir.string(),
                               ec.message()));
  }
  fs::path catalog_path = options_.catalog_path.empty() ? options_.output_dir / "catalog.sqlite"
                                                        : options_.catalog_path;
  report_.catalog_path = catalog_path.string();
  Result<std::unique_ptr<index::Catalog>> catalog = index::OpenSqliteCatalog(catalog_path);
  if (!catalog.ok()) return catalog.status();
  catalog_ = std::move(catalog).value();
  Result<std::string> digest =
      SettingsDigest(options_.ocr, options_.recognition, options_.limits, options_.write);
  if (!digest.ok()) return digest.status();
  settings_digest_ = std::move(digest).value();
  if (int stale = RemoveStaleTempFiles(options_.output_dir); stale > 0) {
    spdlog::info("{}: removed {} unfinished temp files of an interrupted run",
                 options_.output_dir.string(), stale);
  }
  if (Result<std::vector<index::DocumentRecord>> known = catalog_->Documents(); known.ok()) {
    for (index::DocumentRecord& record : *known) previous_[record.input_path] = std::move(record);
  }

  int jobs = options_.jobs > 0 ? options_.jobs
                               : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  SOHOA_RETURN_IF_ERROR(engines_.Fill(jobs, options_.ocr));

  InputListing listing = ListInputs(options_.inputs, options_.output_dir);
  report_.input_problems = listing.problems;
  for (const std::string& problem : listing.problems) spdlog::error("{}", problem);
  for (InputDocument& input : listing.documents) {
    DocumentState document;
    document.input = std::move(input);
    documents_.push_back(std::move(document));
  }
  WarmUpPdfRendering();

  // One thread per OCR engine plus one for the serial assembler.
  oneapi::tbb::global_control threads(oneapi::tbb::global_control::max_allowed_parallelism,
                                      jobs + 1);
  int in_flight = options_.pages_in_flight > 0 ? options_.pages_in_flight : 2 * jobs + 2;
  flow::graph graph;
  flow::input_node<PageTask> source(graph, [this](oneapi::tbb::flow_control& control) {
    PageTask task;
    if (!NextTask(&task)) control.stop();
    return task;
  });
  flow::limiter_node<PageTask> limiter(graph, in_flight);
  flow::function_node<PageTask, PageResultPtr> worker(
      graph, jobs, [this](const PageTask& task) { return ProcessPage(task); });
  flow::function_node<PageResultPtr, flow::continue_msg> assembler(
      graph, flow::serial, [this](const PageResultPtr& result) {
        Assemble(result);
        return flow::continue_msg();
      });
  flow::make_edge(source, limiter);
  flow::make_edge(limiter, worker);
  flow::make_edge(worker, assembler);
  flow::make_edge(assembler, limiter.decrementer());
  source.activate();
  graph.wait_for_all();

  // Stopped by a signal or deadline: what was not finished is left for the next run.
  for (const DocumentState& document : documents_) {
    if (document.finished) continue;
    report_.stopped_early = true;
    DocumentOutcome outcome;
    outcome.input = document.input.display_path;
    outcome.status = "not started";
    report_.documents.push_back(std::move(outcome));
  }
  report_.wall_seconds = SecondsSince(run_start);
  return std::move(report_);
}

}  // namespace

Result<BatchReport> RunBatch(const BatchOptions& options, const ProgressCallback& progress) {
  BatchRun run(options, progress);
  return run.Run();
}

}  // namespace sohoa::pipeline
