"""Questionnaires shipped with the system (SPEC §5.5): the two satisfaction / dissatisfaction
questionnaires of seed 002 (ตัวอย่าง 1 and ตัวอย่าง 2) and its channel-satisfaction table."""

from __future__ import annotations

from typing import Any

THREE_LEVEL = [
    {"value": 3, "label_th": "พึงพอใจมาก", "label_en": "Very satisfied", "polarity": "positive"},
    {"value": 2, "label_th": "พึงพอใจ", "label_en": "Satisfied", "polarity": "positive"},
    {"value": 1, "label_th": "ไม่พึงพอใจ", "label_en": "Dissatisfied", "polarity": "negative"},
]
FIVE_LEVEL = [
    {"value": 5, "label_th": "พึงพอใจมากที่สุด", "label_en": "Very satisfied", "polarity": "positive"},
    {"value": 4, "label_th": "พึงพอใจมาก", "label_en": "Satisfied", "polarity": "positive"},
    {"value": 3, "label_th": "พึงพอใจปานกลาง", "label_en": "Neutral", "polarity": "neutral"},
    {"value": 2, "label_th": "พึงพอใจน้อย", "label_en": "Dissatisfied", "polarity": "negative"},
    {"value": 1, "label_th": "พึงพอใจน้อยที่สุด", "label_en": "Very dissatisfied", "polarity": "negative"},
]
CHANNEL_LEVELS = [
    {"value": 3, "label_th": "สูง", "label_en": "High", "polarity": "positive"},
    {"value": 2, "label_th": "กลาง", "label_en": "Medium", "polarity": "neutral"},
    {"value": 1, "label_th": "ต่ำ", "label_en": "Low", "polarity": "negative"},
]
PROFILE = ["gender", "age_band", "education", "occupation"]


def _dimension(code: str, name_th: str, name_en: str, items: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {
        "code": code,
        "name_th": name_th,
        "name_en": name_en,
        "items": [{"code": c, "text_th": th, "text_en": en} for c, th, en in items],
    }


# Seed 002, ตัวอย่าง 1: 17 items in 5 dimensions, 3 levels.
SERVICE_17 = {
    "code": "opm-service-17",
    "name_th": "แบบสำรวจความพึงพอใจและไม่พึงพอใจต่อการให้บริการ (แบบที่ 1)",
    "name_en": "Satisfaction and dissatisfaction with the service (form 1)",
    "scale": 3,
    "definition": {
        "levels": THREE_LEVEL,
        "profile": PROFILE,
        "topic": True,
        "dimensions": [
            _dimension(
                "process",
                "กระบวนการขั้นตอนการให้บริการ",
                "Service process",
                [
                    ("1.1", "สะดวกเข้าใจง่าย", "Convenient and easy to understand"),
                    (
                        "1.2",
                        "มีประกาศขั้นตอนและระยะเวลาแล้วเสร็จของงานอย่างชัดเจน",
                        "Steps and completion times are clearly posted",
                    ),
                    (
                        "1.3",
                        "เอกสาร/แบบฟอร์ม อ่านเข้าใจง่ายและสะดวกในการกรอก",
                        "Documents and forms are easy to read and fill in",
                    ),
                ],
            ),
            _dimension(
                "staff",
                "การให้บริการของเจ้าหน้าที่",
                "Staff",
                [
                    ("2.1", "ตรงต่อเวลา", "Punctual"),
                    ("2.2", "ให้คำแนะนำและตอบข้อซักถาม", "Gives advice and answers questions"),
                    ("2.3", "มีมารยาท สุภาพและเอาใจใส่", "Polite, courteous and attentive"),
                    ("2.4", "ปฏิบัติงานอย่างตรงไปตรงมา", "Works straightforwardly"),
                ],
            ),
            _dimension(
                "facilities",
                "สิ่งอำนวยความสะดวก",
                "Facilities",
                [
                    ("3.1", "มีน้ำดื่มพร้อมแก้วน้ำที่สะอาด", "Drinking water with clean glasses"),
                    ("3.2", "มีห้องน้ำที่สะอาดและเพียงพอ", "Clean and sufficient toilets"),
                    ("3.3", "มีที่นั่งพักคอย", "Waiting seats"),
                    ("3.4", "มีเอกสารประชาสัมพันธ์/หนังสือพิมพ์ไว้บริการ", "Leaflets and newspapers available"),
                ],
            ),
            _dimension(
                "quality",
                "ด้านคุณภาพการให้บริการ",
                "Service quality",
                [
                    ("4.1", "ได้รับบริการตามเวลาที่กำหนดไว้", "Served within the stated time"),
                    (
                        "4.2",
                        "ได้รับคำชี้แจงหรือการแก้ปัญหาเกี่ยวกับการให้บริการจากเจ้าหน้าที่",
                        "Got explanations or solutions from the staff",
                    ),
                ],
            ),
            _dimension(
                "confidence",
                "ความเชื่อมั่นเกี่ยวกับคุณภาพการให้บริการ",
                "Confidence and integrity",
                [
                    ("5.1", "เจ้าหน้าที่ปฏิบัติงานด้วยความเป็นธรรมไม่เลือกปฏิบัติ", "Staff act fairly, without discrimination"),
                    (
                        "5.2",
                        "เจ้าหน้าที่ปฏิบัติงานด้วยความโปร่งใส ไม่ทุจริต ไม่เรียกรับเงินสินบน",
                        "Staff are transparent, honest and take no bribes",
                    ),
                    (
                        "5.3",
                        "หน่วยงานมีช่องทางที่ท่านสามารถเข้าถึงข้อมูลข่าวสารได้อย่างสะดวก",
                        "The agency has convenient channels to its information",
                    ),
                    (
                        "5.4",
                        "หน่วยงานมีการรับฟังความคิดเห็นและข้อเสนอแนะจากบุคคลภายนอก",
                        "The agency listens to outside opinions and suggestions",
                    ),
                ],
            ),
        ],
        "questions": [],
    },
}

# Seed 002, ตัวอย่าง 2: 27 rated items in 5 dimensions, 3 levels, plus two open questions.
SERVICE_27 = {
    "code": "opm-service-27",
    "name_th": "แบบสำรวจความพึงพอใจและไม่พึงพอใจต่อการให้บริการ (แบบที่ 2)",
    "name_en": "Satisfaction and dissatisfaction with the service (form 2)",
    "scale": 3,
    "definition": {
        "levels": THREE_LEVEL,
        "profile": PROFILE,
        "topic": True,
        "dimensions": [
            _dimension(
                "staff",
                "การให้บริการของเจ้าหน้าที่/บุคลากรที่ให้บริการ",
                "Staff",
                [
                    ("1", "ความสุภาพกิริยามารยาทของเจ้าหน้าที่ผู้ให้บริการ", "Politeness and manners of the staff"),
                    (
                        "2",
                        "ความเหมาะสมในการแต่งกาย บุคลิกลักษณะท่าทางของเจ้าหน้าที่ผู้ให้บริการ",
                        "Appropriate dress and bearing of the staff",
                    ),
                    (
                        "3",
                        "ความเอาใจใส่ กระตือรือร้น และความพร้อมในการให้บริการของเจ้าหน้าที่",
                        "Attentiveness, eagerness and readiness of the staff",
                    ),
                    (
                        "4",
                        "ความรู้ ความสามารถในการให้บริการ ให้คำแนะนำ แก้ไขปัญหาตอบชี้แจงข้อสงสัยของเจ้าหน้าที่",
                        "Knowledge and ability to advise, solve problems and answer questions",
                    ),
                    ("5", "เจ้าหน้าที่ให้บริการต่อผู้รับบริการโดยไม่เลือกปฏิบัติ", "Staff serve everyone without discrimination"),
                    ("6", "เจ้าหน้าที่มีความซื่อสัตย์ สุจริต ในการปฏิบัติหน้าที่ ไม่รับสินบน", "Staff are honest and take no bribes"),
                ],
            ),
            _dimension(
                "process",
                "กระบวนการ/ขั้นตอนการให้บริการ",
                "Service process",
                [
                    ("7", "ขั้นตอนการให้บริการ ไม่ยุ่งยาก ซับซ้อน สะดวกคล่องตัว", "Simple, smooth steps"),
                    ("8", "การอธิบาย ชี้แจง และแนะนำ มีความชัดเจน", "Clear explanations and advice"),
                    ("9", "การบริการแต่ละขั้นตอนรวดเร็ว", "Each step is quick"),
                    ("10", "ระยะเวลาในการให้บริการ เหมาะสม", "Appropriate service time"),
                ],
            ),
            _dimension(
                "facilities",
                "สิ่งอำนวยความสะดวก",
                "Facilities",
                [
                    ("11", "สถานที่ตั้งของหน่วยงานสะดวกต่อการเดินทางมารับบริการ", "The office is easy to reach"),
                    (
                        "12",
                        "การอำนวยความสะดวก ห้องน้ำสะอาด มีที่นั่งพักรอ มีน้ำดื่มบริการ",
                        "Clean toilets, waiting seats and drinking water",
                    ),
                    (
                        "13",
                        "สถานที่ให้บริการและอุปกรณ์เป็นระเบียบ สะอาด สะดวกต่อการใช้บริการ",
                        "Tidy, clean and convenient premises and equipment",
                    ),
                    ("14", "ความเพียงพอของอุปกรณ์/เครื่องมือในการให้บริการ", "Enough equipment"),
                    ("15", "ป้ายข้อความบอกจุดบริการ/ป้ายประชาสัมพันธ์มีความชัดเจนเข้าใจง่าย", "Clear signs"),
                    ("16", "การประชาสัมพันธ์/คู่มือ เอกสารแนะนำให้ความรู้แก่ผู้มารับบริการ", "Guides and leaflets"),
                ],
            ),
            _dimension(
                "quality",
                "คุณภาพการให้บริการโดยรวม",
                "Overall service quality",
                [
                    ("17", "การบริการที่ตรงตามความต้องการคุ้มค่า", "The service meets needs and is worthwhile"),
                    ("18", "ข้อมูลคุ้มค่า ถูกต้อง คุ้มประโยชน์", "Information is correct and useful"),
                    ("19", "ความถูกต้องของเอกสาร", "Documents are correct"),
                ],
            ),
            _dimension(
                "confidence",
                "ความเชื่อมั่นเกี่ยวกับคุณภาพการให้บริการ",
                "Confidence and integrity",
                [
                    (
                        "20",
                        "การปฏิบัติงานของเจ้าหน้าที่มีความเป็นธรรม ไม่เลือกปฏิบัติ ตรงไปตรงมา",
                        "Staff work fairly and straightforwardly",
                    ),
                    ("21", "กำหนดระยะเวลาแล้วเสร็จของการให้บริการ", "Completion times are set"),
                    ("22", "ความประพฤติของเจ้าหน้าที่เหมาะสม", "Staff behave appropriately"),
                    (
                        "23",
                        "ความรู้ ความสามารถ ความชำนาญของเจ้าหน้าที่เหมาะสมกับงานที่ให้บริการ",
                        "Staff have the right knowledge and skill",
                    ),
                    ("24", "ความโปร่งใส ไม่ทุจริต ไม่เรียกรับเงิน ไม่รับสินบน", "Transparency: no corruption or bribes"),
                    ("25", "ความรับผิดชอบในการปฏิบัติของเจ้าหน้าที่", "Staff are responsible"),
                    (
                        "26",
                        "คำชี้แจงหรือแก้ไขปัญหากรณีมีการร้องเรียนเกี่ยวกับการปฏิบัติงานที่ไม่ถูกต้องเหมาะสมของเจ้าหน้าที่",
                        "Complaints about staff conduct are explained or resolved",
                    ),
                    ("27", "การจัดให้มีช่องทางเข้าถึงข้อมูลข่าวสารของหน่วยงาน", "Channels to the agency's information"),
                ],
            ),
        ],
        "questions": [
            {
                "code": "28",
                "type": "text",
                "text_th": "ท่านคาดหวังหรือต้องการให้หน่วยงานของเราดำเนินการ/ตอบสนอง/พัฒนา/ปรับปรุงแก้ไขเกี่ยวกับงานที่ท่านมาติดต่อเรื่องใดมากที่สุด",
                "text_en": "What do you most expect us to do, answer, develop or improve about your matter?",
            },
            {
                "code": "29",
                "type": "choice",
                "multiple": True,
                "text_th": "ช่องทางใดที่ท่านคิดว่าสามารถให้ข้อมูล ข้อคิดเห็น ข้อเสนอแนะเกี่ยวกับการให้บริการของหน่วยงานของเราที่ท่านพึงพอใจมากที่สุด",
                "text_en": "Which channel for giving us information, opinions and suggestions do you like best?",
                "choices": [
                    {
                        "code": "mall_booth",
                        "text_th": "ตั้งหน่วยพบประชาชนในศูนย์การค้า",
                        "text_en": "Booth in a shopping mall",
                    },
                    {
                        "code": "mobile_district",
                        "text_th": "พบประชาชนในพื้นที่ตามโครงการอำเภอเคลื่อนที่",
                        "text_en": "Mobile district office",
                    },
                    {
                        "code": "questionnaire",
                        "text_th": "สำรวจความคิดเห็นผู้มารับบริการโดยใช้แบบสอบถาม",
                        "text_en": "Questionnaire",
                    },
                    {"code": "website", "text_th": "รับฟังความคิดเห็นผ่านทางเว็บไซต์", "text_en": "Website"},
                    {"code": "call_center", "text_th": "รับฟังความคิดเห็นผ่านทาง Call Center", "text_en": "Call center"},
                    {"code": "outreach_team", "text_th": "จัดทีมงานไปพบปะกลุ่มเป้าหมายโดยตรง", "text_en": "Outreach team"},
                ],
            },
        ],
    },
}

# Seed 002: satisfaction with the channels for complaints and suggestions — high / medium / low.
CHANNEL_SATISFACTION = {
    "code": "channel-satisfaction",
    "name_th": "ระดับความพึงพอใจต่อช่องทางการจัดการข้อร้องเรียน ข้อเสนอแนะ ข้อคิดเห็น",
    "name_en": "Satisfaction with the channels for complaints, suggestions and opinions",
    "scale": 3,
    "definition": {
        "levels": CHANNEL_LEVELS,
        "profile": PROFILE,
        "topic": False,
        "dimensions": [
            _dimension(
                "channels",
                "ช่องทางการจัดการข้อร้องเรียน ข้อเสนอแนะ ข้อคิดเห็น",
                "Channels",
                [
                    ("website", "การสำรวจความคิดเห็นผ่านทางเว็บไซต์", "Opinion survey on the website"),
                    ("call_center", "การตอบข้อซักถามผ่าน Call Center", "Answers through the call center"),
                    ("field_meetings", "การจัดโครงการพบประชาชนในพื้นที่", "Meeting people in the field"),
                    ("mall_booth", "การตั้งหน่วยพบประชาชนในศูนย์การค้า", "Booth in a shopping mall"),
                    ("questionnaire", "การสำรวจความคิดเห็นโดยใช้แบบสอบถาม", "Questionnaire survey"),
                ],
            ),
        ],
        "questions": [],
    },
}

PRESETS: list[dict[str, Any]] = [SERVICE_17, SERVICE_27, CHANNEL_SATISFACTION]
# The questionnaire a complainant answers through the receipt link.
COMPLAINT_SURVEY = "opm-service-17"

PROFILE_CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "gender": {"male": ("ชาย", "Male"), "female": ("หญิง", "Female"), "other": ("อื่น ๆ", "Other")},
    "age_band": {
        "under_20": ("อายุต่ำกว่า 20 ปี", "Under 20"),
        "20_39": ("20 – 39 ปี", "20–39"),
        "40_50": ("40 – 50 ปี", "40–50"),
        "51_plus": ("51 ปีขึ้นไป", "51 and over"),
    },
    "education": {
        "below_bachelor": ("ต่ำกว่าปริญญาตรี", "Below bachelor's degree"),
        "bachelor": ("ปริญญาตรี", "Bachelor's degree"),
        "above_bachelor": ("สูงกว่าปริญญาตรี", "Above bachelor's degree"),
    },
    "occupation": {
        "company_employee": ("พนักงานบริษัท", "Company employee"),
        "government": ("รับราชการ/รัฐวิสาหกิจ", "Civil servant / state enterprise"),
        "student": ("นักเรียน/นักศึกษา", "Student"),
        "other": ("อื่นๆ", "Other"),
    },
}
