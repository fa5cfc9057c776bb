// The Basic Application Level Confidentiality Profile (PS3.15 Annex E, table E.1-1): what
// happens to each attribute that can identify a patient, at any depth of the dataset.

#include "Deidentifier.h"

#include "dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrui.h>

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QStringList>

#include <openssl/rand.h>

#include <map>

namespace telerad {

namespace {

// The profile's actions: X remove, Z empty (or a dummy: patient pseudonyms), D dummy;
// descriptors and dates depend on the options chosen.
enum class Action { Remove, Empty, Dummy, Descriptor, DateRemove, DateEmpty, DateDummy };

const std::map<DcmTagKey, Action>& profile() {
    using A = Action;
    static const std::map<DcmTagKey, Action> table{
        // Patient
        {DCM_PatientName, A::Empty}, {DCM_PatientID, A::Empty}, {DCM_PatientBirthDate, A::Empty},
        {DCM_PatientSex, A::Empty}, {DCM_PatientAge, A::Remove}, {DCM_PatientSize, A::Remove}, {DCM_PatientWeight, A::Remove},
        {DCM_PatientBirthTime, A::Remove}, {DCM_PatientBirthName, A::Remove}, {DCM_PatientMotherBirthName, A::Remove},
        {DCM_RETIRED_OtherPatientIDs, A::Remove}, {DCM_OtherPatientIDsSequence, A::Remove}, {DCM_OtherPatientNames, A::Remove},
        {DCM_IssuerOfPatientID, A::Remove}, {DCM_PatientAddress, A::Remove}, {DCM_PatientTelephoneNumbers, A::Remove},
        {DCM_PatientComments, A::Remove}, {DCM_PatientState, A::Remove}, {DCM_PatientReligiousPreference, A::Remove},
        {DCM_PatientInsurancePlanCodeSequence, A::Remove}, {DCM_PatientPrimaryLanguageCodeSequence, A::Remove},
        {DCM_PatientTransportArrangements, A::Remove}, {DCM_EthnicGroup, A::Remove}, {DCM_Occupation, A::Remove},
        {DCM_MilitaryRank, A::Remove}, {DCM_BranchOfService, A::Remove}, {DCM_CountryOfResidence, A::Remove},
        {DCM_RegionOfResidence, A::Remove}, {DCM_RETIRED_MedicalRecordLocator, A::Remove}, {DCM_MedicalAlerts, A::Remove},
        {DCM_Allergies, A::Remove}, {DCM_SmokingStatus, A::Remove}, {DCM_AdditionalPatientHistory, A::Remove},
        {DCM_PregnancyStatus, A::Remove}, {DCM_LastMenstrualDate, A::Remove}, {DCM_SpecialNeeds, A::Remove},
        {DCM_ReferencedPatientSequence, A::Remove}, {DCM_ReferencedPatientAliasSequence, A::Remove},
        {DCM_ResponsiblePerson, A::Remove}, {DCM_ResponsibleOrganization, A::Remove}, {DCM_PatientIdentityRemoved, A::Remove},
        // Visit, admission, order
        {DCM_AdmissionID, A::Remove}, {DCM_IssuerOfAdmissionIDSequence, A::Remove}, {DCM_AdmittingDate, A::Remove},
        {DCM_AdmittingTime, A::Remove}, {DCM_AdmittingDiagnosesDescription, A::Remove},
        {DCM_AdmittingDiagnosesCodeSequence, A::Remove}, {DCM_CurrentPatientLocation, A::Remove},
        {DCM_ServiceEpisodeID, A::Remove}, {DCM_ServiceEpisodeDescription, A::Remove}, {DCM_VisitComments, A::Remove},
        {DCM_AccessionNumber, A::Empty}, {DCM_IssuerOfAccessionNumberSequence, A::Remove},
        {DCM_PlacerOrderNumberImagingServiceRequest, A::Empty}, {DCM_FillerOrderNumberImagingServiceRequest, A::Empty},
        {DCM_OrderCallbackPhoneNumber, A::Remove}, {DCM_OrderEnteredBy, A::Remove}, {DCM_OrderEntererLocation, A::Remove},
        {DCM_RequestAttributesSequence, A::Remove}, {DCM_RequestedProcedureID, A::Remove},
        {DCM_RequestedProcedureDescription, A::Descriptor}, {DCM_RequestedProcedureComments, A::Remove},
        {DCM_RequestedProcedureLocation, A::Remove}, {DCM_ReasonForTheRequestedProcedure, A::Remove},
        {DCM_RETIRED_ReasonForTheImagingServiceRequest, A::Remove}, {DCM_ImagingServiceRequestComments, A::Remove},
        {DCM_RequestingPhysician, A::Remove}, {DCM_RequestingService, A::Remove}, {DCM_RequestedContrastAgent, A::Remove},
        {DCM_NamesOfIntendedRecipientsOfResults, A::Remove}, {DCM_IntendedRecipientsOfResultsIdentificationSequence, A::Remove},
        {DCM_ScheduledPerformingPhysicianName, A::Remove}, {DCM_ScheduledProcedureStepDescription, A::Remove},
        {DCM_ScheduledProcedureStepLocation, A::Remove}, {DCM_ScheduledStationAETitle, A::Remove},
        {DCM_ScheduledStationName, A::Remove}, {DCM_ScheduledHumanPerformersSequence, A::Remove},
        // Study, people and places
        {DCM_StudyDate, A::DateEmpty}, {DCM_StudyTime, A::DateEmpty}, {DCM_StudyID, A::Empty},
        {DCM_StudyDescription, A::Descriptor}, {DCM_RETIRED_StudyComments, A::Remove}, {DCM_RETIRED_StudyIDIssuer, A::Remove},
        {DCM_ReferringPhysicianName, A::Empty}, {DCM_ReferringPhysicianAddress, A::Remove},
        {DCM_ReferringPhysicianTelephoneNumbers, A::Remove}, {DCM_ReferringPhysicianIdentificationSequence, A::Remove},
        {DCM_PhysiciansOfRecord, A::Remove}, {DCM_PhysiciansOfRecordIdentificationSequence, A::Remove},
        {DCM_NameOfPhysiciansReadingStudy, A::Remove}, {DCM_PhysiciansReadingStudyIdentificationSequence, A::Remove},
        {DCM_PerformingPhysicianName, A::Remove}, {DCM_PerformingPhysicianIdentificationSequence, A::Remove},
        {DCM_OperatorsName, A::Remove}, {DCM_OperatorIdentificationSequence, A::Remove},
        {DCM_InstitutionName, A::Remove}, {DCM_InstitutionAddress, A::Remove}, {DCM_InstitutionCodeSequence, A::Remove},
        {DCM_InstitutionalDepartmentName, A::Remove}, {DCM_StationName, A::Remove}, {DCM_DeviceSerialNumber, A::Remove},
        {DCM_DetectorID, A::Remove}, {DCM_GantryID, A::Remove}, {DCM_GeneratorID, A::Remove}, {DCM_CassetteID, A::Remove},
        {DCM_PlateID, A::Remove}, {DCM_PersonName, A::Dummy}, {DCM_PersonAddress, A::Remove},
        {DCM_PersonTelephoneNumbers, A::Remove}, {DCM_ContentCreatorName, A::Empty},
        {DCM_ContentCreatorIdentificationCodeSequence, A::Remove}, {DCM_VerifyingObserverName, A::Dummy},
        {DCM_VerifyingOrganization, A::Remove}, {DCM_AuthorObserverSequence, A::Remove},
        {DCM_ParticipantSequence, A::Remove}, {DCM_CustodialOrganizationSequence, A::Remove},
        {DCM_HumanPerformerName, A::Remove}, {DCM_HumanPerformerOrganization, A::Remove},
        {DCM_ActualHumanPerformersSequence, A::Remove},
        // Series, acquisition, procedure steps
        {DCM_SeriesDate, A::DateRemove}, {DCM_SeriesTime, A::DateRemove}, {DCM_SeriesDescription, A::Descriptor},
        {DCM_ProtocolName, A::Descriptor}, {DCM_AcquisitionDate, A::DateRemove}, {DCM_AcquisitionTime, A::DateRemove},
        {DCM_AcquisitionDateTime, A::DateRemove}, {DCM_ContentDate, A::DateDummy}, {DCM_ContentTime, A::DateDummy},
        {DCM_InstanceCreationDate, A::DateRemove}, {DCM_InstanceCreationTime, A::DateRemove},
        {DCM_RETIRED_OverlayDate, A::DateRemove}, {DCM_RETIRED_OverlayTime, A::DateRemove},
        {DCM_RETIRED_CurveDate, A::DateRemove}, {DCM_RETIRED_CurveTime, A::DateRemove},
        {DCM_TimezoneOffsetFromUTC, A::Remove}, {DCM_RETIRED_AcquisitionComments, A::Remove},
        {DCM_AcquisitionDeviceProcessingDescription, A::Descriptor}, {DCM_AcquisitionContextSequence, A::Remove},
        {DCM_DerivationDescription, A::Descriptor}, {DCM_ImageComments, A::Descriptor}, {DCM_FrameComments, A::Remove},
        {DCM_RETIRED_ImagePresentationComments, A::Remove}, {DCM_PerformedProcedureStepID, A::Remove},
        {DCM_PerformedProcedureStepDescription, A::Descriptor}, {DCM_PerformedProcedureStepStartDate, A::DateRemove},
        {DCM_PerformedProcedureStepStartTime, A::DateRemove}, {DCM_PerformedProcedureStepEndDate, A::DateRemove},
        {DCM_PerformedProcedureStepEndTime, A::DateRemove}, {DCM_CommentsOnThePerformedProcedureStep, A::Remove},
        {DCM_PerformedLocation, A::Remove}, {DCM_PerformedStationAETitle, A::Remove}, {DCM_PerformedStationName, A::Remove},
        {DCM_ReferencedPerformedProcedureStepSequence, A::Remove}, {DCM_ModifiedAttributesSequence, A::Remove},
        {DCM_OriginalAttributesSequence, A::Remove}, {DCM_DigitalSignaturesSequence, A::Remove},
        {DCM_ReferencedDigitalSignatureSequence, A::Remove}, {DCM_ReferencedSOPInstanceMACSequence, A::Remove},
        {DCM_IconImageSequence, A::Remove}, {DCM_RETIRED_TextComments, A::Remove}, {DCM_TextString, A::Remove},
        {DCM_RETIRED_TopicTitle, A::Remove}, {DCM_RETIRED_TopicSubject, A::Remove}, {DCM_RETIRED_TopicAuthor, A::Remove},
        {DCM_RETIRED_TopicKeywords, A::Remove}, {DCM_DataSetTrailingPadding, A::Remove},
        {DCM_ContentSequence, A::Remove},
    };
    return table;
}

bool isOverlayOrCurveText(const DcmTagKey& tag) {
    const Uint16 group = tag.getGroup() & 0xFF00;
    if (group == 0x5000) return true;  // retired curves: may carry anything
    return group == 0x6000 && (tag.getElement() == 0x3000 || tag.getElement() == 0x4000);  // overlay data and comments
}

// Registry UIDs (SOP classes, transfer syntaxes, coding schemes) name no patient.
bool isRegistryUid(const QString& uid) { return uid.startsWith(QLatin1String("1.2.840.10008.")); }

QString dummyFor(DcmEVR vr) {
    switch (vr) {
    case EVR_DA: return QStringLiteral("19000101");
    case EVR_TM: return QStringLiteral("000000");
    case EVR_DT: return QStringLiteral("19000101000000");
    default: return QStringLiteral("ANONYMOUS");
    }
}

// Clean Descriptors: the text stays, minus any word that names the patient.
QString cleaned(QString text, const QStringList& identifyingWords) {
    for (const QString& word : identifyingWords)
        text.replace(QRegularExpression(QRegularExpression::escape(word), QRegularExpression::CaseInsensitiveOption), QStringLiteral("***"));
    return text;
}

// The patient's name parts, ID and birth date, as they could appear in free text.
QStringList identifyingWordsOf(DcmDataset& dataset) {
    QStringList words;
    for (const DcmTagKey& tag : {DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate, DCM_RETIRED_OtherPatientIDs, DCM_AccessionNumber})
        for (const QString& part : dicomText(dataset, tag).split(QRegularExpression(QStringLiteral("[\\^= ]+")), Qt::SkipEmptyParts))
            if (part.size() >= 3) words << part;
    return words;
}

// Why the pixels may carry text: declared so, or a kind of image that usually does.
QString burnedInReason(DcmDataset& dataset) {
    const QString declared = dicomText(dataset, DCM_BurnedInAnnotation).toUpper();
    if (declared == QLatin1String("YES")) return QStringLiteral("Burned In Annotation is YES");
    if (declared == QLatin1String("NO")) return {};
    const QString modality = dicomText(dataset, DCM_Modality);
    const QString sopClass = dicomText(dataset, DCM_SOPClassUID);
    if (QStringList{QStringLiteral("US"), QStringLiteral("XC"), QStringLiteral("ES"), QStringLiteral("SC"), QStringLiteral("OT")}.contains(modality))
        return QStringLiteral("a %1 image, which often has text in its pixels, and no Burned In Annotation NO").arg(modality);
    if (sopClass.startsWith(QLatin1String(UID_SecondaryCaptureImageStorage)) || sopClass.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.7.")))
        return QStringLiteral("a secondary capture (screenshots often show the patient's name)");
    return {};
}

// Objects whose meaning is their text: cleaning their attributes would not be enough.
bool isTextDocument(const QString& sopClass) {
    return sopClass.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.88.")) ||  // structured reports
           sopClass.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.104.")) ||  // encapsulated documents
           sopClass.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.11."));      // presentation states
}

}  // namespace

QString deidentificationMethod(const DeidentificationOptions& options) {
    QString method = QStringLiteral("PS3.15 E Basic Profile");
    if (options.cleanDescriptors) method += QStringLiteral(", Clean Descriptors");
    if (options.retainDates) method += QStringLiteral(", Retain Longitudinal Full Dates");
    return method;  // 64 characters at most: LO
}

Deidentifier::Deidentifier(DeidentificationOptions options) : m_options(options), m_key(32, '\0') {
    RAND_bytes(reinterpret_cast<unsigned char*>(m_key.data()), int(m_key.size()));
}

QString Deidentifier::uidFor(const QString& original) {
    auto found = m_uids.constFind(original);
    if (found != m_uids.constEnd()) return found.value();
    // 2.25: a UUID as one decimal integer; here 128 bits of a keyed hash of the original.
    const QByteArray digest = QCryptographicHash::hash(m_key + original.toLatin1(), QCryptographicHash::Sha256);
    unsigned __int128 value = 0;
    for (int i = 0; i < 16; ++i) value = (value << 8) | static_cast<unsigned char>(digest[i]);
    QString decimal;
    do {
        decimal.prepend(QLatin1Char(char('0' + int(value % 10))));
        value /= 10;
    } while (value != 0);
    const QString uid = QStringLiteral("2.25.") + decimal;
    m_uids.insert(original, uid);
    return uid;
}

QString Deidentifier::pseudonymFor(const QString& patientId) {
    auto found = m_pseudonyms.constFind(patientId);
    if (found != m_pseudonyms.constEnd()) return found.value();
    const QString pseudonym = QStringLiteral("ANON%1").arg(m_pseudonyms.size() + 1, 4, 10, QLatin1Char('0'));
    m_pseudonyms.insert(patientId, pseudonym);
    return pseudonym;
}

Result<DeidentifiedInstance> Deidentifier::apply(DcmDataset& dataset) {
    const QString sopClass = dicomText(dataset, DCM_SOPClassUID);
    if (isTextDocument(sopClass))
        return failure(QStringLiteral("SOP class %1 is a report, document or presentation state: its text may name the patient "
                                      "and this profile does not clean text content").arg(sopClass));
    DeidentifiedInstance result;
    result.burnedInAnnotation = burnedInReason(dataset);
    const QString pseudonym = pseudonymFor(dicomText(dataset, DCM_PatientID));
    walk(dataset, identifyingWordsOf(dataset));
    // A pseudonym keeps the patients of an export apart without naming them.
    dataset.putAndInsertString(DCM_PatientName, pseudonym.toLatin1().constData());
    dataset.putAndInsertString(DCM_PatientID, pseudonym.toLatin1().constData());
    markProfile(dataset);
    return result;
}

void Deidentifier::walk(DcmItem& item, const QStringList& identifyingWords) {
    std::vector<DcmTagKey> removals;
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* element = item.getElement(i);
        const DcmTagKey tag = element->getTag();
        if (tag.isPrivate() || isOverlayOrCurveText(tag)) {
            removals.push_back(tag);
            continue;
        }
        const auto rule = profile().find(tag);
        if (rule == profile().end()) {
            if (element->ident() == EVR_SQ) {
                auto* sequence = static_cast<DcmSequenceOfItems*>(element);
                for (unsigned long k = 0; k < sequence->card(); ++k) walk(*sequence->getItem(k), identifyingWords);
            } else if (element->ident() == EVR_UI) {
                OFString value;
                if (element->getOFStringArray(value).good() && !value.empty() && !isRegistryUid(QString::fromLatin1(value.c_str())))
                    element->putString(uidFor(QString::fromLatin1(value.c_str()).trimmed()).toLatin1().constData());
            }
            continue;
        }
        Action action = rule->second;
        const bool isDate = action == Action::DateRemove || action == Action::DateEmpty || action == Action::DateDummy;
        if (isDate && m_options.retainDates) continue;
        if (action == Action::Descriptor) {
            if (!m_options.cleanDescriptors) {
                removals.push_back(tag);
            } else {
                OFString value;
                element->getOFStringArray(value);
                element->putString(cleaned(QString::fromUtf8(value.c_str()), identifyingWords).toUtf8().constData());
            }
            continue;
        }
        if (action == Action::Remove || action == Action::DateRemove) {
            removals.push_back(tag);
        } else if (action == Action::Empty || action == Action::DateEmpty || element->ident() == EVR_SQ) {
            element->clear();
        } else {
            element->putString(dummyFor(element->ident()).toLatin1().constData());
        }
    }
    for (const DcmTagKey& tag : removals) delete item.remove(tag);
}

void Deidentifier::markProfile(DcmDataset& dataset) const {
    dataset.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    dataset.putAndInsertString(DCM_DeidentificationMethod, deidentificationMethod(m_options).toLatin1().constData());
    dataset.putAndInsertString(DCM_LongitudinalTemporalInformationModified, m_options.retainDates ? "UNMODIFIED" : "REMOVED");
    // The same, coded (CID 7050): 113100 the profile, 113105 and 113106 its options.
    dataset.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
    const auto addCode = [&dataset](const char* value, const char* meaning) {
        DcmItem* code = nullptr;
        if (dataset.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code, -2).bad()) return;
        code->putAndInsertString(DCM_CodeValue, value);
        code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        code->putAndInsertString(DCM_CodeMeaning, meaning);
    };
    addCode("113100", "Basic Application Confidentiality Profile");
    if (m_options.cleanDescriptors) addCode("113105", "Clean Descriptors Option");
    if (m_options.retainDates) addCode("113106", "Retain Longitudinal Temporal Information Full Dates Option");
}

}  // namespace telerad
