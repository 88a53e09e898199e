// What the batch journal stores for a finished page, and the digest of the settings that
// change a run's output. Together with the input's SHA-256 they decide what a rerun skips
// (document done with the same settings), resumes (pages already journaled) or redoes.
#pragma once

#include <filesystem>
#include <string>

#include "common/page_text.h"
#include "common/status.h"
#include "ocr/ocr_engine.h"
#include "ocr/pdf_writer.h"
#include "pipeline/document_writer.h"
#include "pipeline/page_recognizer.h"
#include "pipeline/source.h"

namespace sohoa::pipeline {

struct JournaledPage {
  PageText text;
  PageLayout layout;
};

// Lossless: decoding the encoding of a page gives back the same values (doubles round-trip),
// so a resumed document's PDF is byte-identical to an uninterrupted run's.
std::string EncodeJournaledPage(const JournaledPage& page);
Result<JournaledPage> DecodeJournaledPage(const std::string& json);

// Hex SHA-256 over the program version, the language models' bytes, the cleaning and
// recognition settings, the decode resolution cap and the PDF writing options.
Result<std::string> SettingsDigest(const ocr::OcrOptions& ocr,
                                   const RecognitionSettings& recognition,
                                   const DecodeLimits& limits, const ocr::WriteOptions& write);

// The file's modification time as YYYY-MM-DDTHH:MM:SSZ: a stable PDF creation date, so that
// rewriting a document gives the same bytes. Empty when the file cannot be stat'ed.
std::string ModificationTimeIso(const std::filesystem::path& path);

// Crash tests set SOHOA_TEST_CRASH_AT=<point>[:<n>]; the process then _exit(137)s on the
// n-th (default first) time it reaches `point`, as a kill -9 there would. No-op otherwise.
void CrashPointForTests(const char* point);

}  // namespace sohoa::pipeline
